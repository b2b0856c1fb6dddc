// `npm start`: the newcomer's tour, on the bundled example (examples/zombie-tasks).
// 1. build the package; 2. `taskgroup check` the service as written before migration;
// 3. `taskgroup migrate --dry` it (diff + summary); 4. migrate a copy for real, then run
// the service before migration, as migrated by the codemods, and as migrated by hand
// (examples/zombie-tasks/src), and count the upstream fetches still running after a
// batch failed.
import { spawn } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExample, measureZombies, startService } from '../examples/zombie-tasks/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'zombie-tasks');
const before = 'examples/zombie-tasks/before';
const cli = join(root, 'dist', 'cli.js');
const tmp = join(root, '.tmp');
const started = Date.now();
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);
let stepStarted = started;

function heading(step, title) {
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  if (step > 1) console.log(`\n(step ${step - 1} took ${seconds} s)`);
  stepStarted = Date.now();
  console.log(`\n${bold(`── ${step}. ${title} `.padEnd(78, '─'))}\n`);
}

const shown = (command, args) =>
  `$ ${[command === process.execPath ? 'node' : command, ...args].map((arg) => relative(root, arg) || arg).join(' ')}`;

/**
 * Runs a command with the terminal attached, or `quiet` with its output collected;
 * resolves to its exit code and collected output.
 */
function run(command, args, { quiet = false } = {}) {
  if (!quiet) console.log(shown(command, args));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('error', reject).once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Migrates a copy of before/ (and what it imports) for real, to run the codemods' output. */
async function migrateCopy(dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const part of ['before', 'shared', 'tsconfig.json']) await cp(join(example, part), join(dir, part), { recursive: true });
  const args = [cli, 'migrate', join(dir, 'before')];
  const { code, output } = await run(process.execPath, args, { quiet: true });
  const summary = output.split('\n').filter((line) => !/^migrate: \d+\/\d+ files$/.test(line)).join('\n').trim();
  if (code !== 0) return { log: `${shown(process.execPath, args)}\n${summary}\n→ the migration failed; its row is left out` };
  try {
    await buildExample(join(dir, 'build'), dir);
  } catch (error) {
    return { log: `${shown(process.execPath, args)}\n${summary}\n→ the migrated copy does not build; its row is left out:\n${error.message}` };
  }
  return { log: `${shown(process.execPath, args)}\n${summary}`, dir: join(dir, 'build') };
}

const cliBuilt = () => existsSync(cli);
const notYet = () => console.log(`(not available yet: ${relative(root, cli)} was not built — the CLI lives in src/cli)`);

heading(1, 'Build the package (npm run build)');
if ((await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'])).code !== 0) {
  console.error('The build failed; nothing else can run.');
  process.exit(1);
}
// Compiling the example and migrating a copy of it run while steps 2 and 3 print.
const exampleBuild = join(tmp, 'zombie-tasks');
const prepared = Promise.all([
  buildExample(exampleBuild),
  cliBuilt() ? migrateCopy(join(tmp, 'zombie-tasks-migrated')) : Promise.resolve(undefined),
]);
prepared.catch(() => undefined); // awaited in step 4

heading(2, `Lint the service as written before migration (taskgroup check ${before})`);
if (cliBuilt()) {
  const { code } = await run(process.execPath, [cli, 'check', before]);
  const meaning = { 0: 'no findings', 1: 'findings reported, as expected for code written with Promise.all' };
  console.log(`→ exit code ${code}: ${meaning[code] ?? 'the check itself failed'}`);
} else notYet();

heading(3, `Preview the migration (taskgroup migrate ${before} --dry)`);
if (cliBuilt()) {
  const { code } = await run(process.execPath, [cli, 'migrate', before, '--dry']);
  const meaning = { 0: 'nothing would change', 3: 'files would change (a migration is pending); --dry wrote nothing' };
  console.log(`→ exit code ${code}: ${meaning[code] ?? 'some files failed'}`);
} else notYet();

heading(4, 'Run the service: upstream fetches still running after a batch failed');
const [, migrated] = await prepared.catch((error) => {
  console.error(`The example does not build: ${error.message}`);
  process.exit(1);
});
if (migrated === undefined) notYet();
else console.log(migrated.log);
const versions = [
  { label: 'before migration (Promise.all)', dir: exampleBuild, version: 'before' },
  ...(migrated?.dir ? [{ label: 'migrated by taskgroup migrate', dir: migrated.dir, version: 'before' }] : []),
  { label: 'migrated by hand (src/)', dir: exampleBuild, version: 'src' },
];

const slowMs = 8_000; // long enough that a fetch still open after the failure is a zombie, even on a loaded machine
const lingerMs = 300;
const rows = await Promise.all(
  versions.map(async ({ label, dir, version }) => {
    const service = await startService(dir, version, { env: { SLOW_MS: String(slowMs) } });
    try {
      return { label, ...(await measureZombies(service, '/process-urls', { lingerMs })) };
    } finally {
      await service.stop();
    }
  }),
);

console.log(
  `\nPOST /process-urls fetches 4 URLs from a local upstream: one fails after 20 ms, three take` +
    ` ${slowMs * 0.6}-${slowMs} ms.\nCounted by the upstream ${lingerMs} ms after the job failed:\n`,
);
console.log(`  ${'version'.padEnd(34)}${'job failed after'.padEnd(18)}${'fetches in flight'.padEnd(19)}TaskGroup tasks active`);
for (const { label, job, inFlightLater, tasksLater } of rows) {
  console.log(`  ${label.padEnd(34)}${`${job.ms} ms`.padEnd(18)}${String(inFlightLater).padEnd(19)}${tasksLater.active}`);
}
const [was, ...after] = rows;
const fixed = was.inFlightLater > 0 && after.every((row) => row.inFlightLater === 0);
console.log(
  `\n${bold(`Zombie fetches: ${was.inFlightLater} before migration, ${after.map((row) => row.inFlightLater).join(' and ')} after.`)}` +
    (fixed
      ? ' With TaskGroup the first failure cancels the rest, and the group joins them before it settles.'
      : ' Unexpected: see examples/zombie-tasks/README.md.'),
);
console.log(`\n(step 4 took ${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Try it yourself: examples/zombie-tasks/README.md`);
if (!fixed) process.exitCode = 1;
