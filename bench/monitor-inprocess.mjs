// npm run bench:monitor:inprocess — the zombie detector's cost per request, measured in one process.
//
// The HTTP bench (bench/monitor.mjs) cannot resolve a few percent on a shared 2-core machine: the
// client, the kernel and the neighbours swing more than that. Here the same handler runs on fake
// requests in one process, with no socket: what differs between two batches is only the middleware.
// Batches of BATCH requests (CONCURRENCY at a time) alternate between the configurations, each
// round in a different order; the CPU time of each batch (process.cpuUsage: this thread, GC
// helpers included) gives µs per request, and each configuration's cost is taken against the
// no-monitor batch of the same round. The table gives the median over rounds and the spread (the
// middle half: 25th to 75th percentile). A monitor exists only during its own batch (created
// before, closed after), so its task-channel subscription and promise hook never slow the others.
//
//   node bench/monitor-inprocess.mjs [--rounds N] [--batch N] [--promises]
//   node scripts/with-node.mjs 24 -- node bench/monitor-inprocess.mjs
//   node scripts/with-node.mjs 22 -- node --experimental-async-context-frame bench/monitor-inprocess.mjs
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { EventEmitter } from 'node:events';
import { setImmediate as tick } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { copyEntries, importEntry } from './monitor-entries.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '61' },
    batch: { type: 'string', default: '500' },
    'http-cpu': { type: 'string' },
    promises: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const BATCH = Number(values.batch);
/** The server CPU per request of the no-monitor HTTP run (bench/monitor.mjs passes it): the cost as a share of a real request. */
const HTTP_CPU = values['http-cpu'] === undefined ? undefined : Number(values['http-cpu']);
const CONCURRENCY = 16;

const dir = copyEntries();
const { TaskGroup } = await importEntry(dir, 'task-group');
const { taskMonitor } = await importEntry(dir, 'node');

/** A response as far as the middleware and the handler use it: `end` finishes it a tick later, as Node does. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  body = '';
  end(body) {
    this.body = body;
    process.nextTick(() => {
      this.emit('finish');
      process.nextTick(() => this.emit('close'));
    });
  }
}

// The handler of the HTTP bench: a TaskGroup.all of three lookups that each await one
// setImmediate, and two plain promises, then a JSON answer.
const lookup = async (id, signal) => {
  await tick(undefined, { signal });
  return { id, name: `item ${id}` };
};
async function handler(req, res) {
  const id = req.id;
  const [item, related, stock] = await TaskGroup.all([(s) => lookup(id, s), (s) => lookup(id + 1, s), (s) => lookup(id + 2, s)], {
    timeout: 5_000,
  });
  const price = await Promise.resolve(id * 3).then((value) => value + 1);
  res.end(JSON.stringify({ item, related, stock, price }));
}

/**
 * The least a counting monitor can do, as a reference: one AsyncLocalStorage.run, a pending count
 * per request kept from the task events, one `finish` listener that reads it.
 */
// One AsyncLocalStorage for all batches (as an app has): on Node 20 every instance ever run keeps
// its async_hooks propagation, so one per batch would slow each batch more than the last.
const referenceStorage = new AsyncLocalStorage();

function minimalCounting() {
  const storage = referenceStorage;
  const OWNER = Symbol('owner');
  let leaked = 0;
  const onStart = (message) => {
    const request = storage.getStore();
    if (request === undefined) return;
    message[OWNER] = request;
    request.pending++;
  };
  const onEnd = (message) => {
    const request = message[OWNER];
    if (request !== undefined) request.pending--;
  };
  function onFinish() {
    if (this.request.pending > 0) leaked++;
  }
  subscribe('taskgroup:task:start', onStart);
  subscribe('taskgroup:task:end', onEnd);
  const middleware = (req, res, next) => {
    res.request = { pending: 0 };
    res.on('finish', onFinish);
    storage.run(res.request, next);
  };
  middleware.close = () => {
    unsubscribe('taskgroup:task:start', onStart);
    unsubscribe('taskgroup:task:end', onEnd);
    storage.disable();
    if (leaked > 0) throw new Error(`minimal counting: ${leaked} requests left tasks`);
  };
  return middleware;
}

/** The runtime's share: someone subscribes to the task channels (it then publishes each task), nothing more. */
function channelsOnly() {
  const noop = () => {};
  subscribe('taskgroup:task:start', noop);
  subscribe('taskgroup:task:end', noop);
  const middleware = (_req, _res, next) => next();
  middleware.close = () => {
    unsubscribe('taskgroup:task:start', noop);
    unsubscribe('taskgroup:task:end', noop);
  };
  return middleware;
}

const plainStorage = new AsyncLocalStorage();

function alsOnly() {
  const storage = plainStorage;
  const middleware = (_req, _res, next) => storage.run({}, next);
  // On Node 20 a storage that ran keeps its async hook until disabled: the next batches must not pay for it.
  middleware.close = () => storage.disable();
  return middleware;
}

const CONFIGS = [
  { name: 'no monitor', make: () => undefined },
  { name: 'an AsyncLocalStorage.run per request, no monitor', make: alsOnly },
  { name: 'task channels subscribed (the runtime publishes each task), no monitor', make: channelsOnly },
  { name: 'reference: minimal counting (pending count + one finish listener)', make: minimalCounting },
  { name: 'taskMonitor()', make: () => taskMonitor({ onZombie: failOnZombie }) },
];
// Promise mode costs ten times a request: the HTTP table shows it well enough, and its grace
// period would have to be waited out after each batch. `--promises` adds it here too.
if (values.promises) {
  CONFIGS.push({ name: 'taskMonitor({ promises: true })', make: () => taskMonitor({ promises: true, onZombie: failOnZombie }), settle: 1_100 });
}

function failOnZombie(report) {
  throw new Error(`the handler leaves nothing running, yet ${report.zombies.length} zombies were reported`);
}

/** One request through `middleware` (or straight to the handler): resolves when its response finished. */
function request(middleware, id) {
  const req = { method: 'GET', url: `/items/${id}`, id };
  const res = new FakeResponse();
  const finished = new Promise((resolve) => res.once('close', resolve));
  if (middleware === undefined) void handler(req, res);
  else middleware(req, res, () => void handler(req, res));
  return finished;
}

/** CPU µs per request over one batch of `count` requests, CONCURRENCY at a time. */
async function batch(config, count) {
  const middleware = config.make();
  let next = 0;
  const worker = async () => {
    while (next < count) await request(middleware, next++);
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const { user, system } = process.cpuUsage(before);
  middleware?.close();
  // Promise mode follows each request's context for `grace` after its response: wait that out,
  // so that its hook does not slow the next batch.
  if (config.settle) await new Promise((resolve) => setTimeout(resolve, config.settle));
  return (user + system) / count;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

// Warm every path up first (JIT, the runtime's traced path, the hooks).
for (let i = 0; i < 3; i++) for (const config of CONFIGS) await batch(config, BATCH);

const perRequest = CONFIGS.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < CONFIGS.length; k++) {
    const i = (k + round) % CONFIGS.length;
    perRequest[i].push(await batch(CONFIGS[i], BATCH));
  }
}

const fmt = (value) => value.toFixed(2);
const flags = process.execArgv.length > 0 ? ` ${process.execArgv.join(' ')}` : '';
console.log(
  `In-process: fake requests, ${BATCH} per batch (${CONCURRENCY} at a time), ${ROUNDS} alternating rounds, Node ${process.versions.node}${flags}`,
);
console.log('CPU µs per request; added = this batch minus the no-monitor batch of the same round: median [25th–75th percentile].');
if (HTTP_CPU !== undefined) console.log(`Share of an HTTP request: added / the server CPU per request of the no-monitor HTTP run (${HTTP_CPU.toFixed(0)} µs).`);
console.log('');
const shareColumn = HTTP_CPU === undefined ? '' : ' added (% of an HTTP request) |';
console.log(`| configuration | CPU per request (µs) | added per request (µs) |${shareColumn}`);
console.log(`|---|---:|---:|${HTTP_CPU === undefined ? '' : '---:|'}`);
const range = (values, digits, unit = '') =>
  `${quantile(values, 0.5).toFixed(digits)}${unit} [${quantile(values, 0.25).toFixed(digits)}–${quantile(values, 0.75).toFixed(digits)}]`;
CONFIGS.forEach((config, i) => {
  const added = perRequest[i].map((value, round) => value - perRequest[0][round]);
  const cells = i === 0 ? ['–'] : [range(added, 2)];
  if (HTTP_CPU !== undefined) cells.push(i === 0 ? '–' : range(added.map((value) => (100 * value) / HTTP_CPU), 1, ' %'));
  console.log(`| ${config.name} | ${fmt(quantile(perRequest[i], 0.5))} | ${cells.join(' | ')} |`);
});
