// `npm start`: the newcomer's tour, on the bundled example (examples/zombie-tasks).
// 1. build the package; 2. `taskgroup check` the service as written before migration;
// 3. `taskgroup migrate --dry` it (diff + summary); 4. run both versions of the service
// and count the upstream fetches still running after a batch failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExample, measureZombies, startService } from '../examples/zombie-tasks/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const before = 'examples/zombie-tasks/before';
const cli = join(root, 'dist', 'cli.js');
const started = Date.now();
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

function heading(step, title) {
  console.log(`\n${bold(`── ${step}. ${title} `.padEnd(78, '─'))}\n`);
}

/** Runs a command with the terminal attached; returns its exit code. */
function run(command, args) {
  console.log(`$ ${[command, ...args].map((arg) => relative(root, arg) || arg).join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runCli(args, meaning) {
  if (!existsSync(cli)) {
    console.log(`(not available yet: ${relative(root, cli)} was not built — the CLI lives in src/cli)`);
    return;
  }
  const code = run(process.execPath, [cli, ...args]);
  console.log(`\n→ exit code ${code}: ${meaning(code)}`);
}

heading(1, 'Build the package (npm run build)');
if (run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']) !== 0) {
  console.error('The build failed; nothing else can run.');
  process.exit(1);
}

heading(2, `Lint the service as written before migration (taskgroup check ${before})`);
runCli(['check', before], (code) =>
  code === 1 ? 'findings reported, as expected for code written with Promise.all' : code === 0 ? 'no findings' : 'the check failed',
);

heading(3, `Preview the migration (taskgroup migrate ${before} --dry)`);
runCli(['migrate', before, '--dry'], (code) => (code === 0 ? 'nothing was written (--dry)' : 'some files failed'));

heading(4, 'Run both versions: upstream fetches still running after a batch failed');
const out = join(root, '.tmp', 'zombie-tasks');
await buildExample(out);
const slowMs = 4_000;
const lingerMs = 300;
const rows = [];
for (const [version, label] of [
  ['before', 'before migration (Promise.all)'],
  ['src', 'after migration (TaskGroup)'],
]) {
  const service = await startService(out, version, { env: { SLOW_MS: String(slowMs) } });
  try {
    const report = await measureZombies(service, '/process-urls', { lingerMs });
    rows.push({ label, ...report });
  } finally {
    await service.stop();
  }
}

console.log(
  `POST /process-urls fetches 4 URLs from a local upstream: one fails after 20 ms, three take` +
    ` ${slowMs * 0.6}-${slowMs} ms.\nCounted by the upstream ${lingerMs} ms after the job failed:\n`,
);
console.log(`  ${'version'.padEnd(34)}${'job failed after'.padEnd(18)}${'fetches still in flight'.padEnd(25)}TaskGroup tasks active`);
for (const { label, job, inFlightLater, tasksLater } of rows) {
  console.log(`  ${label.padEnd(34)}${`${job.ms} ms`.padEnd(18)}${String(inFlightLater).padEnd(25)}${tasksLater.active}`);
}
const [was, now] = rows;
console.log(
  `\n${bold(`Zombie fetches: ${was.inFlightLater} before, ${now.inFlightLater} after.`)}` +
    (was.inFlightLater > 0 && now.inFlightLater === 0
      ? ' With TaskGroup the first failure cancels the rest, and the group joins them before it settles.'
      : ' (unexpected: see examples/zombie-tasks/README.md)'),
);
console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Try it yourself: examples/zombie-tasks/README.md`);
