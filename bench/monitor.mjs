// npm run bench:monitor — the cost of the zombie detector on a small HTTP app.
//
// One Express app on loopback, in a child process per configuration, all started and warmed up
// first (autocannon, in this process, does not share their event loop): no monitor; an
// AsyncLocalStorage.run per request and no monitor (what counting mode builds on); `taskMonitor()`
// (counting TaskGroup tasks); `taskMonitor({ promises: true })` (async_hooks promise tracking).
// Each request runs a `TaskGroup.all` of three tasks and a few plain promises, then answers JSON.
// Rounds alternate the configurations and each ratio is taken within a round (noise hits the runs
// of a round alike), then the median over rounds. Also shown: the server's CPU time per request,
// which swings less than throughput with the neighbours' load on a shared machine.
// Then the in-process measure (bench/monitor-inprocess.mjs) under the same Node and flags, its
// costs also given as a share of the no-monitor HTTP request's CPU.
// Bounded: about 3 minutes.
import { fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { copyEntries, importEntry } from './monitor-entries.mjs';

const CONFIGS = [
  { name: 'no monitor', options: null },
  // What counting mode builds on: on Node 20, AsyncLocalStorage runs on async_hooks, a cost any
  // app that already uses it (OpenTelemetry, Sentry, pino contexts) pays anyway.
  { name: 'an AsyncLocalStorage.run per request, no monitor', options: null, asyncLocalStorage: true },
  { name: 'taskMonitor()', options: {} },
  { name: 'taskMonitor({ promises: true })', options: { promises: true } },
];
const ROUNDS = 7;
const SECONDS = 3;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 16;

if (process.argv[2] === 'serve') await serve(JSON.parse(process.argv[3]), process.argv[4], process.argv[5] === 'als');
else await main();

async function serve(options, dir, asyncLocalStorage) {
  const { default: express } = await import('express');
  const { TaskGroup } = await importEntry(dir, 'task-group');
  const { taskMonitor } = await importEntry(dir, 'node');
  const { setImmediate: tick } = await import('node:timers/promises');
  const app = express();
  let monitor;
  if (asyncLocalStorage) {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const storage = new AsyncLocalStorage();
    app.use((_req, _res, next) => storage.run({}, next));
  }
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
  let mark;
  process.on('message', (message) => {
    if (message === 'mark') {
      mark = process.cpuUsage();
      process.send({ marked: true });
    } else if (message === 'cpu') {
      const { user, system } = process.cpuUsage(mark);
      process.send({ cpuMicros: user + system });
    } else {
      process.send({ stats: monitor?.stats() ?? { requests: 0 } });
      server.close(() => process.exit(0));
    }
  });
}

/** Starts the app with `config` in a child process; `run(seconds)` measures it once. */
async function startServer(config, dir) {
  const child = fork(new URL(import.meta.url), ['serve', JSON.stringify(config.options), dir, config.asyncLocalStorage ? 'als' : ''], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let zombies = 0;
  const replies = [];
  child.on('message', (message) => {
    if (message.zombie !== undefined) zombies += message.zombie;
    else replies.push(message);
  });
  const reply = async () => {
    while (replies.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return replies.shift();
  };
  const { port } = await reply();
  const url = `http://127.0.0.1:${port}/items/7`;
  return {
    warm: () => autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS }),
    async run(seconds) {
      child.send('mark');
      await reply();
      const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
      child.send('cpu');
      const { cpuMicros } = await reply();
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${config.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      if (zombies > 0) throw new Error(`${config.name}: ${zombies} zombies reported; the app leaves none`);
      return { rps: result.requests.average, p99: result.latency.p99, cpuPerRequest: cpuMicros / result.requests.total };
    },
    async stop() {
      child.send('stop');
      const { stats } = await reply();
      await once(child, 'exit');
      if (config.options !== null && stats.requests === 0) throw new Error(`${config.name}: the monitor saw no request`);
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const dir = copyEntries();
  const servers = [];
  for (const config of CONFIGS) servers.push(await startServer(config, dir));
  for (const server of servers) await server.warm();
  const runs = CONFIGS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with a different configuration: no order effect favours one.
    for (let k = 0; k < CONFIGS.length; k++) {
      const i = (k + round) % CONFIGS.length;
      runs[i].push(await servers[i].run(SECONDS));
    }
  }
  for (const server of servers) await server.stop();
  // Ratios are paired within a round (the three runs of a round share the machine's load).
  const ratios = (i, key) => median(runs[i].map((run, round) => run[key] / runs[0][round][key]));
  const flags = process.execArgv.length > 0 ? ` ${process.execArgv.join(' ')}` : '';
  console.log(`Express on loopback, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, Node ${process.versions.node}${flags}`);
  console.log('Medians; ratios are per round against the no-monitor run of the same round.\n');
  console.log('| configuration | requests/s | throughput ratio | server CPU per request (µs) | CPU per request ratio | p99 latency (ms) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  CONFIGS.forEach((config, i) => {
    const { rps, cpu, p99 } = summary(runs[i]);
    console.log(`| ${config.name} | ${Math.round(rps)} | ${ratios(i, 'rps').toFixed(3)} | ${cpu.toFixed(0)} | ${ratios(i, 'cpuPerRequest').toFixed(3)} | ${p99} |`);
  });
  console.log('');
  const inProcess = fileURLToPath(new URL('monitor-inprocess.mjs', import.meta.url));
  const httpCpu = summary(runs[0]).cpu;
  const child = spawnSync(process.execPath, [...process.execArgv, inProcess, '--http-cpu', String(httpCpu)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`the in-process measure failed (exit ${child.status})`);
}

function summary(runs) {
  return {
    rps: median(runs.map((run) => run.rps)),
    cpu: median(runs.map((run) => run.cpuPerRequest)),
    p99: median(runs.map((run) => run.p99)),
  };
}
