/** Where a command writes and reads: the process's streams and files, or a test's stand-ins. */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';

/** A writable stream of text (or bytes, for a PNG written to stdout); `isTTY` says whether a person is watching it. */
export interface TextStream {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
}

/** The streams and working directory a command runs with. */
export interface Io {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  readonly cwd: string;
}

/** The largest pycls YAML config read: 1 MiB (pycls's own configs are under 2 KB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The largest timings JSON file read: 4 MiB (tens of thousands of timed models). */
export const MAX_TIMINGS_BYTES = 4 * 1024 * 1024;

/** Largest sweep records file read (a pycls sweep.json holds every run's config and log): 64 MiB. */
export const MAX_RECORDS_BYTES = 64 * 1024 * 1024;

/** Why a file operation failed, in words: `no such file`, `permission denied`, ... */
function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** What a path is when it is not a regular file, for the error message. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reading a FIFO must not wait for a writer: opened non-blocking, then refused by its type. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A text file's contents (UTF-8), read only if it is a regular file of at most `maxBytes` bytes: a
 * directory, a FIFO or a device such as /dev/zero is refused before anything is read, and a file that
 * grows past the limit while being read is refused too. Errors are UsageErrors naming the file.
 *
 * @param what - what the file should be, for messages (`a pycls YAML config`)
 */
export function readText(io: Io, path: string, maxBytes: number, what: string): string {
  if (path === '') throw new UsageError(`the path of ${what} is empty`);
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, path), OPEN_FLAGS);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${reason(error)}`, { cause: error });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`cannot read ${path}: it is ${kindOf(stats)}, not a file (expected ${what})`);
    const tooLarge = (): UsageError =>
      new UsageError(`cannot read ${path}: larger than ${formatBytes(maxBytes)}, the limit for ${what}`);
    if (stats.size > maxBytes) throw tooLarge();
    const bytes = readBounded(fd, stats.size, maxBytes);
    if (bytes === null) throw tooLarge();
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${reason(error)}`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file descriptor to its end, or returns null once more than `maxBytes` arrived. The buffer starts
 * at the size stat reported and doubles (up to one byte past the limit), so that files whose size stat
 * does not know (/proc) are still read, and still bounded.
 */
function readBounded(fd: number, statSize: number, maxBytes: number): Buffer | null {
  let buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(statSize + 1, 4096)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return null;
      const grown = Buffer.alloc(Math.min(maxBytes + 1, 2 * buffer.length));
      buffer.copy(grown);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

/** `1 MiB`, `4 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Writes a file (`-` is stdout), or throws a UsageError naming the file and why it cannot be written. */
export function writeText(io: Io, path: string, content: string | Uint8Array): void {
  if (path === '') throw new UsageError('the output path is empty (give a file name, or - for stdout)');
  if (path === '-') {
    io.stdout.write(content);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, path), content);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${reason(error)}`, { cause: error });
  }
}

/** Prints a value as JSON (two-space indent) on stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** An output stream that can fail asynchronously, as `process.stdout` does when its reader goes away. */
export interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Makes a closed pipe on `stream` (`fastscale info X --json | head -1`) end the process quietly with
 * exit code 0, as command-line tools do: the reader has all it wanted. Other stream errors go to `fail`.
 */
export function endQuietlyOnBrokenPipe(stream: ErrorEmitter, exit: (code: number) => void, fail: (error: Error) => void): void {
  stream.on('error', (error) => {
    if ((error as { code?: unknown }).code === 'EPIPE') exit(0);
    else fail(error);
  });
}
