// node --expose-gc memory-http.mjs <entries folder> <counting|promises> <requests>
// A node:http server with taskMonitor, and <requests> requests to it, a third of them leaving a
// short-lived zombie (a floating timer promise and a background task, both done in 1 s: much longer than a response takes, even on a busy machine): once
// they have ended and the grace period is over, the heap is back where it was after a warm-up.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

const [dir, mode, count] = process.argv.slice(2);
const { taskMonitor } = await import(pathToFileURL(join(dir, 'node.mjs')).href);
const { background } = await import(pathToFileURL(join(dir, 'task-group.mjs')).href);

let reports = 0;
const monitor = taskMonitor({ promises: mode === 'promises', grace: 20, onZombie: () => reports++, onFollowUp: () => {} });
const server = createServer(
  monitor.wrap(async (req, res) => {
    if (req.url.endsWith('dirty')) {
      void sleep(1_000);
      void background.spawn((signal) => sleep(1_000, undefined, { signal }));
    }
    await sleep(0);
    res.end('ok');
  }),
);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

async function requests(n) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await fetch(`${url}/${i % 3 === 0 ? 'dirty' : 'clean'}`).then((response) => response.text());
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function settledHeap() {
  await sleep(1_500); // the zombies end, the grace periods run out
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  return process.memoryUsage().heapUsed;
}

await requests(500);
const before = await settledHeap();
await requests(Number(count));
const after = await settledHeap();
monitor.close();
server.close();
process.stdout.write(JSON.stringify({ growthBytes: after - before, reports, requests: monitor.stats().requests }));
