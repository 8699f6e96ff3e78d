import { EventEmitter } from 'node:events';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { endQuietlyOnBrokenPipe, formatBytes, type Io, MAX_CONFIG_BYTES, readText, writeText } from '../../src/cli/io.js';
import { temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: tmp.dir };

function usageError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('readText', () => {
  it('reads a regular file, relative to the working directory', () => {
    writeFileSync(join(tmp.dir, 'a.yaml'), 'MODEL:\n  TYPE: anynet\n');
    expect(readText(io, 'a.yaml', 100, 'a config')).toBe('MODEL:\n  TYPE: anynet\n');
  });

  it('reads a file of exactly the limit and refuses one byte more', () => {
    writeFileSync(join(tmp.dir, 'limit.txt'), 'x'.repeat(100));
    expect(readText(io, 'limit.txt', 100, 'a config')).toHaveLength(100);
    writeFileSync(join(tmp.dir, 'over.txt'), 'x'.repeat(101));
    expect(usageError(() => readText(io, 'over.txt', 100, 'a config'))).toBe('cannot read over.txt: larger than 100 bytes, the limit for a config');
  });

  it('reads a file whose size the file system does not report, up to the limit (/proc)', () => {
    const text = readText({ ...io, cwd: '/' }, '/proc/self/status', MAX_CONFIG_BYTES, 'a status');
    expect(text).toMatch(/^Name:/);
    expect(usageError(() => readText(io, '/proc/self/maps', 10, 'a status'))).toBe('cannot read /proc/self/maps: larger than 10 bytes, the limit for a status');
  });

  it('refuses what is not a regular file, by kind, without reading it', () => {
    mkdirSync(join(tmp.dir, 'dir'));
    expect(usageError(() => readText(io, 'dir', 100, 'a config'))).toBe('cannot read dir: it is a directory, not a file (expected a config)');
    expect(usageError(() => readText(io, '/dev/zero', 100, 'a config'))).toBe('cannot read /dev/zero: it is a device, not a file (expected a config)');
    execFileSync('mkfifo', [join(tmp.dir, 'fifo')]);
    expect(usageError(() => readText(io, 'fifo', 100, 'a config'))).toBe('cannot read fifo: it is a named pipe (FIFO), not a file (expected a config)');
  });

  it('says why a path cannot be opened, and that an empty path is empty', () => {
    expect(usageError(() => readText(io, 'missing.yaml', 100, 'a config'))).toBe('cannot read missing.yaml: no such file or directory');
    expect(usageError(() => readText(io, 'a.yaml/x', 100, 'a config'))).toBe('cannot read a.yaml/x: a part of the path is not a directory');
    expect(usageError(() => readText(io, '', 100, 'a config'))).toBe('the path of a config is empty');
  });
});

describe('writeText', () => {
  it('writes text or bytes to a file, or to stdout for -', () => {
    const written: (string | Uint8Array)[] = [];
    const out: Io = { ...io, stdout: { write: (chunk) => written.push(chunk) } };
    writeText(out, '-', 'hello');
    writeText(out, '-', new Uint8Array([1, 2]));
    expect(written).toEqual(['hello', new Uint8Array([1, 2])]);
    expect(usageError(() => writeText(out, join(tmp.dir, 'no', 'such', 'dir.svg'), 'x'))).toMatch(/^cannot write .*dir\.svg: no such file or directory$/);
    expect(usageError(() => writeText(out, '', 'x'))).toBe('the output path is empty (give a file name, or - for stdout)');
  });
});

describe('formatBytes', () => {
  it('writes whole MiB and KiB, else bytes', () => {
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
    expect(formatBytes(4 * 1024 * 1024)).toBe('4 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(1000)).toBe('1000 bytes');
  });
});

describe('endQuietlyOnBrokenPipe', () => {
  it('exits 0 on EPIPE and passes any other error on', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    const failures: Error[] = [];
    endQuietlyOnBrokenPipe(stream, (code) => exits.push(code), (error) => failures.push(error));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    const other = Object.assign(new Error('write EIO'), { code: 'EIO' });
    stream.emit('error', other);
    expect(failures).toEqual([other]);
    expect(exits).toEqual([0]);
  });
});
