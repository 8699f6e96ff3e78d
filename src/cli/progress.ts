/**
 * Progress of long work on stderr: a `\r`-rewritten line, shown only on a terminal and only once the work
 * has taken more than a moment, so that quick runs, pipes and tests see nothing.
 */
import type { TextStream } from './io.js';

/** Updates a progress line; `done` clears it. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

/** How long work runs before progress is shown, in milliseconds. */
export const PROGRESS_DELAY_MS = 300;

/**
 * A progress line for `what` on `stream`. Nothing is written unless `stream.isTTY` is true and
 * {@link PROGRESS_DELAY_MS} have passed since the call. An update that comes earlier is shown when the
 * delay is over if the work is still going and yields to the event loop (say, while a chart renders).
 */
export function progress(stream: TextStream, what: string, now: () => number = () => performance.now()): Progress {
  const start = now();
  let shown = false;
  let latest: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (): void => {
    if (latest === undefined) return;
    // \x1b[K clears what a longer previous line left behind.
    stream.write(`\r${latest}\x1b[K`);
    shown = true;
  };
  return {
    update(done, total, label) {
      if (stream.isTTY !== true) return;
      latest = `${what}: ${done}/${total}${label === undefined || label === '' ? '' : ` ${label}`}`;
      const waited = now() - start;
      if (waited >= PROGRESS_DELAY_MS) {
        show();
      } else if (timer === undefined) {
        timer = setTimeout(show, PROGRESS_DELAY_MS - waited);
        timer.unref(); // never keeps the process alive
      }
    },
    done() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      latest = undefined;
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
