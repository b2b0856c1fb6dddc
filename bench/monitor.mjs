// npm run bench:monitor — the cost of the zombie detector on a small HTTP app.
//
// One Express app on loopback, in a child process per configuration (so autocannon, in this
// process, does not share its event loop): no monitor, `taskMonitor()` (counting TaskGroup tasks)
// and `taskMonitor({ promises: true })` (async_hooks promise tracking). Each request runs a
// `TaskGroup.all` of three tasks and a few plain promises, then answers JSON. Rounds alternate the
// configurations (noise hits all of them alike); the table gives the median throughput of each,
// as a ratio of the no-monitor baseline measured in the same run. Bounded: about 70 s.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const CONFIGS = [
  { name: 'no monitor', options: null },
  { name: 'taskMonitor()', options: {} },
  { name: 'taskMonitor({ promises: true })', options: { promises: true } },
];
const ROUNDS = 4;
const SECONDS = 4;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;

if (process.argv[2] === 'serve') await serve(JSON.parse(process.argv[3]), process.argv[4]);
else await main();

/**
 * The built entries, copied aside at the start: a build running meanwhile (it cleans `dist`)
 * cannot pull them from under the servers. Neither entry imports the other.
 */
function copyEntries() {
  const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-'));
  for (const entry of ['task-group', 'node']) {
    copyFileSync(fileURLToPath(import.meta.resolve(`eslint-plugin-taskgroup/${entry}`)), join(dir, `${entry}.mjs`));
  }
  return dir;
}

async function serve(options, dir) {
  const { default: express } = await import('express');
  const { TaskGroup } = await import(pathToFileURL(join(dir, 'task-group.mjs')).href);
  const { taskMonitor } = await import(pathToFileURL(join(dir, 'node.mjs')).href);
  const { setImmediate: tick } = await import('node:timers/promises');
  const app = express();
  let monitor;
  if (options !== null) {
    monitor = taskMonitor({ ...options, onZombie: (report) => process.send({ zombie: report.zombies.length }) });
    app.use(monitor);
  }
  const lookup = async (id, signal) => {
    await tick(undefined, { signal });
    return { id, name: `item ${id}` };
  };
  app.get('/items/:id', async (req, res) => {
    const id = Number(req.params.id);
    const [item, related, stock] = await TaskGroup.all([(s) => lookup(id, s), (s) => lookup(id + 1, s), (s) => lookup(id + 2, s)], {
      timeout: 5_000,
    });
    const price = await Promise.resolve(id * 3).then((value) => value + 1);
    res.json({ item, related, stock, price });
  });
  const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', () => {
    process.send({ stats: monitor?.stats() ?? null });
    server.close(() => process.exit(0));
  });
}

async function measure(config, dir, seconds, warmup) {
  const child = fork(new URL(import.meta.url), ['serve', JSON.stringify(config.options), dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let zombies = 0;
  child.on('message', (message) => {
    if (message.zombie !== undefined) zombies += message.zombie;
  });
  const [{ port }] = await once(child, 'message');
  const url = `http://127.0.0.1:${port}/items/7`;
  if (warmup) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  child.send('stop');
  const [stats] = await once(child, 'message');
  await once(child, 'exit');
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${config.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, zombies, stats: stats.stats };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const dir = copyEntries();
  const runs = new Map(CONFIGS.map((config) => [config.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const config of CONFIGS) {
      const run = await measure(config, dir, SECONDS, round === 0);
      if (run.zombies > 0) throw new Error(`${config.name}: ${run.zombies} zombies reported; the app leaves none`);
      if (config.options !== null && run.stats.requests === 0) throw new Error(`${config.name}: the monitor saw no request`);
      runs.get(config.name).push(run);
    }
  }
  const base = median(runs.get(CONFIGS[0].name).map((run) => run.rps));
  console.log(`Express on loopback, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (median), Node ${process.versions.node}\n`);
  console.log('| configuration | requests/s | ratio to no monitor | cost | p99 latency (ms) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const config of CONFIGS) {
    const rps = median(runs.get(config.name).map((run) => run.rps));
    const p99 = median(runs.get(config.name).map((run) => run.p99));
    const cost = config.options === null ? '—' : `${((1 - rps / base) * 100).toFixed(1)} %`;
    console.log(`| ${config.name} | ${Math.round(rps)} | ${(rps / base).toFixed(3)} | ${cost} | ${p99} |`);
  }
}
