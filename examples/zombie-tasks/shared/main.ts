// Process entry shared by both versions: serve until SIGINT or SIGTERM.
import { type Mount, serve } from './serve.js';

export function main(mount: Mount): void {
  const shutdown = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => shutdown.abort());
  }
  serve(mount, { signal: shutdown.signal }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
