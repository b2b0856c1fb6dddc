import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_TS, canRunCliAs, ensureBuilt, NON_ROOT_OPEN, project, taskgroup, removeProjects, WITHOUT_TYPESCRIPT } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('taskgroup migrate', () => {
  it('rewrites every site, adds one import, and says what it did; a second run changes nothing', () => {
    const dir = project({ 'src/handler.ts': BACKGROUND_TS, 'src/clean.ts': 'export const x = 1;\n' });
    const first = taskgroup(['migrate', 'src'], dir);
    expect(first.code).toBe(0);
    const migrated = read(dir, 'src/handler.ts');
    expect(migrated).toContain("import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';");
    expect(migrated).toContain("await TaskGroup.all([(signal: AbortSignal) => fetch('/a', { signal }), (signal: AbortSignal) => fetch('/b', { signal })]);");
    expect(migrated).toContain("void background.spawn((signal) => fetch('/ping', { signal }).catch(() => {}));");
    expect(read(dir, 'src/clean.ts')).toBe('export const x = 1;\n');
    expect(first.stderr).toContain('2 files scanned, 1 changed, 1 unchanged, 0 failed');
    expect(first.stderr).toContain('promise-combinators: 1 site rewritten');
    expect(first.stderr).toContain('floating-promises: 1 site rewritten');
    expect(first.stderr).toContain('Runtime: files import eslint-plugin-taskgroup/task-group (no package.json found');
    const second = taskgroup(['migrate', 'src'], dir);
    expect(second.code).toBe(0);
    expect(read(dir, 'src/handler.ts')).toBe(migrated);
    expect(second.stderr).toContain('0 changed');
  });

  it('reads settings.taskgroup from the project\'s ESLint config; the flags override it', () => {
    const job = "jobs.enqueue(async () => {\n  await Promise.all([fetch('/a')]);\n});\n";
    const config = "export default [{ files: ['**/*.ts'] }, { settings: { taskgroup: { helperModule: '#lib/tasks', backgroundFunctions: ['jobs.enqueue'] } } }];\n";
    const dir = project({ 'eslint.config.mjs': config, 'src/job.ts': job });
    const result = taskgroup(['migrate', '--dry', '--print', 'src'], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("import { TaskGroup } from '#lib/tasks';");
    expect(result.stdout).toContain("await TaskGroup.all([(signal: AbortSignal) => fetch('/a', { signal })]);");
    const flags = taskgroup(['migrate', '--dry', '--print', '--helper-module', '#other', '--background-functions', 'none', 'src'], dir);
    expect(flags.code).toBe(0);
    expect(flags.stdout).not.toContain('TaskGroup');
    expect(taskgroup(['migrate', '--dry', '--print', '--helper', '#other', 'src'], dir).stdout).toContain("import { TaskGroup } from '#other';");
  });

  it('fails the files whose settings.taskgroup is wrong, and says where; a config that does not load is named once and its files get the defaults, as check does', () => {
    const config = "export default [{ files: ['**/*.ts'], settings: { taskgroup: { backgroundFunction: ['jobs.enqueue'] } } }];\n";
    const broken = "import missing from 'no-such-package';\nexport default [missing];\n";
    const dir = project({ 'eslint.config.mjs': config, 'a.ts': BACKGROUND_TS, 'b.js': BACKGROUND_TS, 'pkg/eslint.config.mjs': broken, 'pkg/c.js': BACKGROUND_TS });
    const result = taskgroup(['migrate', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a.ts: eslint.config.mjs: settings.taskgroup.backgroundFunction is not a setting of eslint-plugin-taskgroup');
    expect(result.stderr).toMatch(/taskgroup migrate: your ESLint config pkg\/eslint\.config\.mjs could not be loaded \(.*no-such-package.*\); its files are migrated with the plugin's defaults/);
    expect(result.stderr.match(/could not be loaded/g)).toHaveLength(1);
    expect(read(dir, 'a.ts')).toBe(BACKGROUND_TS);
    expect(read(dir, 'pkg/c.js')).toContain('TaskGroup.all');
    // b.js is not linted by that config (no `files` for it names settings), so it is migrated.
    expect(read(dir, 'b.js')).toContain('TaskGroup.all');
  });

  it('rewrites what check reports when one rewrite feeds the next: a race with a timer stays unspawned after it became TaskGroup.race', () => {
    const code = "setInterval(() => {\n  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('t')), 100));\n  Promise.race([ping(), timeout]).catch(reconnect);\n}, 1000);\nasync function ping() {}\n";
    const dir = project({ 'a.ts': code });
    const check = taskgroup(['check', 'a.ts'], dir);
    expect(check.stdout.match(/taskgroup\//g)).toHaveLength(1);
    const result = taskgroup(['migrate', '--dry', '--print', '--helper', 'eslint-plugin-taskgroup/task-group', 'a.ts'], dir);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain("  TaskGroup.race([() => ping(), timeout]).catch(reconnect);\n");
    expect(result.stdout).not.toContain('background');
  });

  it('lists the sites whose tasks pass their signal to nothing apart: cancellable only at the task boundary', () => {
    const dir = project({ 'a.ts': "setImmediate(async () => {\n  await Promise.all([tick(), tock()]);\n});\n" });
    const json = taskgroup(['migrate', '--dry', '--json', '.'], dir);
    expect(json.code).toBe(3);
    const summary = JSON.parse(json.stdout.slice(json.stdout.indexOf('{\n  "dry"')));
    expect(summary.rewritten).toEqual({ 'promise-combinators': 0, 'floating-promises': 0 });
    expect(summary.boundary).toEqual({ 'promise-combinators': { count: 1, sites: ['a.ts:2'] } });
    const text = taskgroup(['migrate', '.'], dir);
    expect(text.stderr).toContain('promise-combinators: 0 sites rewritten, 1 cancellable only at the task boundary');
    expect(text.stderr).toContain('Cancellable only at the task boundary');
    expect(read(dir, 'a.ts')).toBe("import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nsetImmediate(async () => {\n  await TaskGroup.all([() => tick(), () => tock()]);\n});\n");
  });

  it('migrates JavaScript without `typescript` installed (espree), and says a .ts file needs it', () => {
    const job = "setImmediate(async () => {\n  await Promise.all([fetch('/a')]);\n});\n";
    const legacy = "const http = require('node:http');\nprocess.on('message', async () => {\n  await Promise.race([fetch('/b'), fetch('/c')]);\n});\nmodule.exports = http;\n";
    const dir = project({ 'package.json': '{ "type": "module", "dependencies": { "eslint-plugin-taskgroup": "*" } }\n', 'job.js': job, 'legacy.cjs': legacy, 'types.ts': BACKGROUND_TS });
    const result = taskgroup(['migrate', '--cpus', '2', '.'], dir, undefined, ['--require', WITHOUT_TYPESCRIPT]);
    expect(result.code).toBe(1);
    expect(read(dir, 'job.js')).toBe("import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nsetImmediate(async () => {\n  await TaskGroup.all([(signal) => fetch('/a', { signal })]);\n});\n");
    expect(read(dir, 'legacy.cjs')).toContain("const { TaskGroup } = require('eslint-plugin-taskgroup/task-group');\nprocess.on('message', async () => {\n  await TaskGroup.race([(signal) => fetch('/b', { signal }), (signal) => fetch('/c', { signal })]);");
    expect(result.stderr).toMatch(/types\.ts: .*the `typescript` package is not installed/);
    expect(read(dir, 'types.ts')).toBe(BACKGROUND_TS);
  });

  it('--dry writes nothing, prints a unified diff, and exits 3 (migration pending); 0 when nothing would change', () => {
    const dir = project({ 'a.ts': BACKGROUND_TS, 'b.ts': BACKGROUND_TS });
    const result = taskgroup(['migrate', '--dry', '.'], dir);
    expect(result.code).toBe(3);
    expect(read(dir, 'a.ts')).toBe(BACKGROUND_TS);
    expect(result.stdout).toContain('--- a/a.ts');
    expect(result.stdout).toContain('+++ b/a.ts');
    expect(result.stdout).toContain("-    await Promise.all([fetch('/a'), fetch('/b')]);");
    expect(result.stdout).toContain("+import { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';");
    expect(result.stderr).toContain('Dry run (nothing written): 2 files scanned, 2 would change');
    expect(result.stderr).toContain('promise-combinators: 2 sites to rewrite');
    expect(result.stderr).not.toContain('rewritten');
    const clean = project({ 'a.ts': 'export const a = 1;\n' });
    expect(taskgroup(['migrate', '--dry', '.'], clean)).toMatchObject({ code: 0, stdout: '' });
  });

  it('--print prints the new source; --only runs one codemod; --helper sets the import', () => {
    const dir = project({ 'a.ts': BACKGROUND_TS });
    const result = taskgroup(['migrate', '--dry', '--print', '--only', 'floating-promises', '--helper', '#lib/tasks', 'a.ts'], dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("import { background } from '#lib/tasks';");
    expect(result.stdout).toContain("await Promise.all([fetch('/a'), fetch('/b')]);");
    expect(result.stdout).not.toContain('TaskGroup');
    expect(read(dir, 'a.ts')).toBe(BACKGROUND_TS);
  });

  it('--json prints the summary as JSON; --cpus sets the workers', () => {
    const dir = project({ 'a.ts': BACKGROUND_TS, 'b.ts': BACKGROUND_TS, 'c.js': 'module.exports = 1;\n' });
    const result = taskgroup(['migrate', '--dry', '--json', '--cpus', '2', '--everywhere', '.'], dir);
    expect(result.code).toBe(3);
    const summary = JSON.parse(result.stdout.slice(result.stdout.indexOf('{\n  "dry"')));
    expect(summary.files).toEqual({ scanned: 3, changed: 2, unchanged: 1, failed: 0, skipped: 0 });
    expect(summary.rewritten).toEqual({ 'promise-combinators': 2, 'floating-promises': 2 });
    expect(summary.changedFiles).toEqual(['a.ts', 'b.ts']);
  });

  it('honours .gitignore, skips node_modules, and says which sites it left and why', () => {
    const dir = project({
      '.gitignore': 'generated/\n',
      'generated/a.ts': BACKGROUND_TS,
      'node_modules/pkg/index.ts': BACKGROUND_TS,
      'src/left.ts': "import { after } from 'next/server';\nafter(async () => { await Promise.all(pending); });\n",
    });
    const result = taskgroup(['migrate', '--json', '.'], dir);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.files.scanned).toBe(1);
    expect(summary.left).toEqual([
      { reason: expect.stringContaining('the argument holds promises already started'), count: 1, sites: ['src/left.ts:2'] },
    ]);
    // Left means not written: `TaskGroup.all(pending)` would join the same running promises.
    expect(summary.files.changed).toBe(0);
    expect(read(dir, 'src/left.ts')).toBe("import { after } from 'next/server';\nafter(async () => { await Promise.all(pending); });\n");
    expect(read(dir, 'generated/a.ts')).toBe(BACKGROUND_TS);
    expect(read(dir, 'node_modules/pkg/index.ts')).toBe(BACKGROUND_TS);
  });

  it('reports a file that does not parse with its error, leaves it byte-for-byte, migrates the rest, exits 1', () => {
    const broken = 'export const x = {\n';
    const dir = project({ 'broken.ts': broken, 'ok.ts': BACKGROUND_TS });
    const result = taskgroup(['migrate', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.ts: Parse error: .*\(2:0\)/);
    expect(read(dir, 'broken.ts')).toBe(broken);
    expect(read(dir, 'ok.ts')).toContain('TaskGroup.all');
  });

  it('reports an unreadable file and exits 1', () => {
    const dir = project({ 'ok.ts': 'export {};\n', 'unreadable.ts': BACKGROUND_TS });
    chmodSync(path.join(dir, 'unreadable.ts'), 0o000);
    // root reads any file whatever its mode: run as `nobody` then (the project open to it), or,
    // when `nobody` cannot reach the checkout, with open() checking read bits as for a user.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(dir, 0o777);
    const asNobody = asRoot && canRunCliAs(65534);
    const result = taskgroup(['migrate', '.'], dir, asNobody ? 65534 : undefined, asRoot && !asNobody ? ['--require', NON_ROOT_OPEN] : []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreadable\.ts: unreadable: EACCES/);
    chmodSync(path.join(dir, 'unreadable.ts'), 0o644);
    expect(read(dir, 'unreadable.ts')).toBe(BACKGROUND_TS);
  });

  it('skips binary and huge files with a reason', () => {
    const dir = project({
      'binary.ts': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      'huge.js': `// ${'x'.repeat(3 * 1024 * 1024)}\n`,
      'ok.ts': 'export {};\n',
    });
    const result = taskgroup(['migrate', '.'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('binary.ts: binary file');
    expect(result.stderr).toContain('huge.js: larger than 2 MiB');
    expect(result.stderr).toContain('1 file scanned');
  });

  it('survives symlink loops', () => {
    const dir = project({ 'src/a.ts': BACKGROUND_TS });
    symlinkSync('..', path.join(dir, 'src', 'parent'));
    symlinkSync('self.ts', path.join(dir, 'src', 'self.ts'));
    const result = taskgroup(['migrate', '--dry', '--json', '.'], dir);
    expect(result.code).toBe(3);
    const summary = JSON.parse(result.stdout.slice(result.stdout.indexOf('{\n  "dry"')));
    expect(summary.files.scanned).toBe(1);
    expect(summary.skipped).toEqual(expect.arrayContaining([
      { file: 'src/parent', reason: 'symlink loop (folder already visited)' },
      { file: 'src/self.ts', reason: 'symlink loop' },
    ]));
  });

  it('--vendor in a JavaScript project writes task-group.js with declarations, imported relatively, and it runs', () => {
    const job = "setImmediate(async () => {\n  const [a] = await Promise.all([Promise.resolve(1).then((x) => x + 1)]);\n  console.log(a, (await import('./lib/task-group.js')).taskStats().active);\n});\n";
    const dir = project({ 'package.json': '{ "type": "module", "dependencies": { "eslint-plugin-taskgroup": "*" } }\n', 'job.js': job });
    const result = taskgroup(['migrate', '--vendor', 'lib', 'job.js'], dir);
    expect(result.code).toBe(0);
    expect(read(dir, 'job.js')).toContain("import { TaskGroup } from './lib/task-group.js';");
    expect(read(dir, 'lib/task-group.d.ts')).toContain('TaskGroup');
    const run = spawnSync(process.execPath, ['job.js'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('2 0\n');
  });

  it('rewrites exactly the sites check reports: disable comments honoured, a synchronous callback never wrapped', () => {
    const job = `import { after } from 'next/server';
async function send(to: string) {
  await fetch(to);
}
export async function run(callback: (value: number) => void) {
  callback(1);
}
export function POST() {
  after(() => {
    send('/a');
    // eslint-disable-next-line taskgroup/no-uncancellable-floating-promise -- must outlive shutdown
    send('/b');
    send('/c'); // eslint-disable-line taskgroup/no-uncancellable-floating-promise
  });
  return new Response('ok');
}
`;
    const dir = project({ 'src/job.ts': job });
    const checked = taskgroup(['check', '--format', 'json', 'src'], dir);
    const reportedLines = (JSON.parse(checked.stdout) as { messages: { line: number }[] }[]).flatMap((file) => file.messages.map((message) => message.line));
    expect(reportedLines).toEqual([10]);
    const dry = taskgroup(['migrate', '--dry', 'src'], dir);
    const changedLines = dry.stdout.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---')).map((line) => line.slice(1).trim());
    expect(changedLines).toEqual(['async function send(to: string) {', 'await fetch(to);', "send('/a');"]);
    expect(dry.stderr).toContain('floating-promises: 1 site to rewrite');
  });

  it('a second --vendor run leaves the copied runtime alone (it is neither rewritten nor counted)', () => {
    const dir = project({ 'package.json': '{ "devDependencies": { "eslint-plugin-taskgroup": "*" } }\n', 'src/handler.ts': BACKGROUND_TS });
    expect(taskgroup(['migrate', '--vendor', 'src/lib', '.'], dir).code).toBe(0);
    const runtime = read(dir, 'src/lib/task-group.ts');
    const handler = read(dir, 'src/handler.ts');
    const second = taskgroup(['migrate', '--vendor', 'src/lib', '.'], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('1 file scanned, 0 changed');
    expect(read(dir, 'src/lib/task-group.ts')).toBe(runtime);
    expect(read(dir, 'src/handler.ts')).toBe(handler);
  });

  it('writes nothing outside the given paths: symlinks that lead out are skipped', () => {
    const outside = project({ 'shared.ts': BACKGROUND_TS });
    const dir = project({ 'src/a.ts': 'export {};\n', 'src/types.d.ts': 'export declare const x: number;\n' });
    symlinkSync(path.join(outside, 'shared.ts'), path.join(dir, 'src', 'shared.ts'));
    symlinkSync(outside, path.join(dir, 'src', 'linked'));
    const result = taskgroup(['migrate', '--json', 'src'], dir);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.files.scanned).toBe(1);
    expect(summary.skipped).toEqual([
      { file: 'src/linked', reason: 'symlink to a folder outside the given paths' },
      { file: 'src/shared.ts', reason: 'symlink to a file outside the given paths' },
    ]);
    expect(read(outside, 'shared.ts')).toBe(BACKGROUND_TS);
  });

  it('rejects bad usage with exit code 2', () => {
    const dir = project({ 'a.ts': BACKGROUND_TS });
    const missing = taskgroup(['migrate', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope: no such file or folder');
    const unknown = taskgroup(['migrate', '--frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    expect(taskgroup(['migrate', '--only', 'everything'], dir).stderr).toContain('--only expects one of promise-combinators, floating-promises');
    expect(taskgroup(['migrate', '--cpus', '0'], dir).code).toBe(2);
    expect(taskgroup(['migrate', '--combinators', 'all,some'], dir).code).toBe(2);
    expect(taskgroup(['migrate', '--helper', 'x', '--vendor', 'y'], dir).code).toBe(2);
    expect(read(dir, 'a.ts')).toBe(BACKGROUND_TS);
  });
});
