/** Where a command writes and reads: the process's streams and files, or a test's stand-ins. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';

/** A writable text stream; `isTTY` says whether a person is watching it. */
export interface TextStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** The streams and working directory a command runs with. */
export interface Io {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  readonly cwd: string;
}

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
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A text file's contents, or a UsageError naming the file and why it cannot be read. */
export function readText(io: Io, path: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${reason(error)}`, { cause: error });
  }
}

/** Writes a file (`-` is stdout), or throws a UsageError naming the file and why it cannot be written. */
export function writeText(io: Io, path: string, text: string): void {
  if (path === '-') {
    io.stdout.write(text);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, path), text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${reason(error)}`, { cause: error });
  }
}

/** Prints a value as JSON (two-space indent) on stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
