/**
 * A mistake in how the command was called or in what it was given (a flag, a number, a file, a model
 * name): reported as one line on stderr with exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
