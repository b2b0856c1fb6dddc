import { writeSync } from 'node:fs';

let reported = false;

/**
 * A bug of the detector must never break the app (an async hook that throws makes Node exit):
 * it is written once to stderr, synchronously (from a hook nothing asynchronous may start), and
 * what it was doing is given up.
 */
export function internalError(error: unknown): void {
  if (reported) return;
  reported = true;
  try {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeSync(2, `[taskgroup] zombie detector: internal error, please report it (the app is not affected):\n${text}\n`);
  } catch {
    // stderr is gone: nothing more to do.
  }
}
