// End to end, as a user installs it: `npm pack`, install the tarball into a new project
// with ESLint 9 and with ESLint 10, then lint, migrate, import and type-check from there.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type EslintResult, expectedFindings, parseEslintJson, taskgroupFindings, type Variant } from './lib/expectations';
import { exec, type Project } from './lib/project';
import { ESLINT_VERSIONS, eslintProject } from './lib/projects';

const SOURCES = ['src/legacy.cjs', 'src/worker.ts'];
const SLOW = 180_000;

const temporary: string[] = [];
const projects = new Map<string, Project>();

beforeAll(async () => {
  // One install per ESLint major (shared with the other e2e files), both at once.
  const created = await Promise.all(ESLINT_VERSIONS.map((version) => eslintProject(version)));
  for (const [index, project] of created.entries()) projects.set(ESLINT_VERSIONS[index] ?? '', project);
}, 600_000);

afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const lintRuns = new Map<string, Promise<EslintResult[]>>();

/** Lints with the project's ESLint; the same run is shared by the tests that read it. */
function lint(project: Project, args: readonly string[], env?: Record<string, string>): Promise<EslintResult[]> {
  const key = JSON.stringify([project.dir, args, env]);
  let run = lintRuns.get(key);
  if (run === undefined) {
    run = project.eslint(['--format', 'json', ...args], env).then((output) => {
      // 1: findings reported; anything else is a crash or a configuration error.
      if (output.code !== 0 && output.code !== 1) {
        throw new Error(`eslint ${args.join(' ')} exited with ${output.code}:\n${output.stderr}${output.stdout}`);
      }
      return parseEslintJson(output.stdout);
    });
    lintRuns.set(key, run);
  }
  return run;
}

const FLAT_CONFIGS: { file: string; variant: Variant }[] = [
  { file: 'eslint.config.js', variant: { strict: false, typed: false } },
  { file: 'eslint.config.mjs', variant: { strict: true, typed: false } },
  { file: 'eslint.config.cjs', variant: { strict: false, typed: false } },
  { file: 'eslint.typed-recommended.config.mjs', variant: { strict: false, typed: true } },
  { file: 'eslint.typed-strict.config.mjs', variant: { strict: true, typed: true } },
];

// Each test runs its own processes: both majors' matrices run side by side.
describe.concurrent.each(ESLINT_VERSIONS)('installed with ESLint %s', (version) => {
  const project = () => {
    const found = projects.get(version);
    if (found === undefined) throw new Error(`no project for ESLint ${version}`);
    return found;
  };

  it.for(FLAT_CONFIGS)('$file reports exactly the marked findings', { timeout: SLOW }, async ({ file, variant }, { expect }) => {
    const results = await lint(project(), ['--config', file, 'src']);
    expect(taskgroupFindings(project().dir, results)).toEqual(await expectedFindings(project().dir, SOURCES, variant));
  });

  it('puts a suggestion with a fix on every finding of the JSON output, but a join of promises started before it', { timeout: SLOW }, async ({ expect }) => {
    const results = await lint(project(), ['--config', 'eslint.config.mjs', 'src']);
    const findings = results.flatMap((result) => result.messages.map((message) => ({ file: basename(result.filePath), message })));
    const messages = findings.filter(({ message }) => message.ruleId?.startsWith('taskgroup/')).map(({ message }) => message);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    // `Promise.all([a, b])` of two promises passed in: `TaskGroup.all([a, b])` would cancel neither, so no suggestion.
    const without = findings.filter(({ message }) => message.ruleId?.startsWith('taskgroup/') && !message.suggestions);
    expect(without.map(({ file, message }) => `${file}:${message.line} ${message.ruleId}`)).toEqual(['worker.ts:41 taskgroup/no-unscoped-promise-combinator']);
    for (const message of messages.filter((candidate) => candidate.suggestions)) {
      expect(message.suggestions, `${message.ruleId} at line ${message.line}`).not.toHaveLength(0);
      for (const suggestion of message.suggestions ?? []) {
        expect(suggestion.desc).not.toBe('');
        expect(suggestion.fix.range[0]).toBeLessThanOrEqual(suggestion.fix.range[1]);
      }
    }
  });

  it('gives the same results with --concurrency=2', { timeout: SLOW }, async ({ expect }) => {
    const args = ['--config', 'eslint.config.mjs', 'src'];
    const [single, threaded] = await Promise.all([lint(project(), args), lint(project(), ['--concurrency=2', ...args])]);
    expect(taskgroupFindings(project().dir, threaded)).toEqual(taskgroupFindings(project().dir, single));
    expect(taskgroupFindings(project().dir, threaded)).not.toHaveLength(0);
  });

  it.runIf(version.startsWith('9.'))(
    'works from .eslintrc.json with ESLINT_USE_FLAT_CONFIG=false and plugin:taskgroup/legacy-recommended',
    { timeout: SLOW },
    async ({ expect }) => {
      const results = await lint(project(), ['--ext', '.ts,.cjs', 'src'], { ESLINT_USE_FLAT_CONFIG: 'false' });
      expect(taskgroupFindings(project().dir, results)).toEqual(
        await expectedFindings(project().dir, SOURCES, { strict: false, typed: false }),
      );
    },
  );
});

describe.concurrent('the installed CLI, runtime and types', () => {
  const project = () => {
    const found = projects.get(ESLINT_VERSIONS[ESLINT_VERSIONS.length - 1] ?? '');
    if (found === undefined) throw new Error('no project');
    return found;
  };

  it('npx taskgroup check reports the recommended findings and exits 1', { timeout: SLOW }, async ({ expect }) => {
    const output = await project().npx(['taskgroup', 'check', 'src', '--format', 'json']);
    expect(output.code, output.stderr).toBe(1);
    expect(taskgroupFindings(project().dir, parseEslintJson(output.stdout))).toEqual(
      await expectedFindings(project().dir, SOURCES, { strict: false, typed: false }),
    );
  });

  it('npx taskgroup migrate --dry prints a diff and writes nothing', { timeout: SLOW }, async ({ expect }) => {
    const before = await digest(project().dir, SOURCES);
    const output = await project().npx(['taskgroup', 'migrate', 'src', '--dry']);
    expect(output.code, output.stderr).toBe(3); // files would change: a migration is pending
    expect(output.stdout).toMatch(/^\+\+\+ .*worker\.ts/m);
    expect(output.stdout).toMatch(/^\+.*TaskGroup\.all\(/m);
    expect(output.stdout).toMatch(/^\+.*background\.spawn\(/m);
    expect(await digest(project().dir, SOURCES)).toEqual(before);
  });

  it('npx taskgroup migrate rewrites every combinator and floating-promise finding', { timeout: SLOW }, async ({ expect }) => {
    // A folder of its own in the shared project.
    const copy = await mkdtemp(join(project().dir, 'migrated-'));
    temporary.push(copy);
    await cp(join(project().dir, 'src'), copy, { recursive: true });
    const migrated = await project().npx(['taskgroup', 'migrate', basename(copy)]);
    expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
    const checked = await project().npx(['taskgroup', 'check', basename(copy), '--format', 'json']);
    const left = taskgroupFindings(project().dir, parseEslintJson(checked.stdout));
    const rewritable = /no-unscoped-promise-combinator|no-uncancellable-floating-promise/;
    expect(left.filter((finding) => rewritable.test(finding))).toEqual([]);
    // What the codemods do not rewrite is still reported (lines may move: compare files and rules).
    const withoutLine = (finding: string) => finding.replace(/:\d+ /, ' ');
    expect(left.map(withoutLine).sort()).toEqual(
      (await expectedFindings(project().dir, SOURCES, { strict: false, typed: false }))
        .filter((finding) => !rewritable.test(finding))
        .map((finding) => withoutLine(finding.replace(/^src\//, `${basename(copy)}/`)))
        .sort(),
    );
  });

  it('import and require of eslint-plugin-taskgroup/task-group both run a TaskGroup', { timeout: SLOW }, async ({ expect }) => {
    const script = (load: string) =>
      `${load}
       const group = new TaskGroup({ timeout: 5000 });
       const slow = group.spawn((signal) => new Promise((resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
       group.spawn(async () => { throw new Error('boom'); });
       group.wait().then(() => console.log('resolved'), (error) => slow.catch((reason) => console.log(error.message, reason === error, taskStats().active)));`;
    const esm = await project().node([
      '--input-type=module',
      '-e',
      script(`import { TaskGroup, taskStats } from 'eslint-plugin-taskgroup/task-group';`),
    ]);
    const cjs = await project().node([
      '--input-type=commonjs',
      '-e',
      script(`const { TaskGroup, taskStats } = require('eslint-plugin-taskgroup/task-group');`),
    ]);
    expect(esm).toMatchObject({ code: 0, stdout: 'boom true 0\n' });
    expect(cjs).toMatchObject({ code: 0, stdout: 'boom true 0\n' });
  });

  it('import and require of the plugin give the same rules', { timeout: SLOW }, async ({ expect }) => {
    const print = `console.log(JSON.stringify(Object.keys(plugin.rules).sort()), Object.keys(plugin.configs).sort().join())`;
    const esm = await project().node(['--input-type=module', '-e', `import plugin from 'eslint-plugin-taskgroup'; ${print}`]);
    const cjs = await project().node(['--input-type=commonjs', '-e', `const plugin = require('eslint-plugin-taskgroup'); ${print}`]);
    const expected = `${JSON.stringify([
      'no-uncancellable-floating-promise',
      'no-unscoped-promise-combinator',
      'propagate-abort-signal',
      'require-deadline',
    ])} legacy-recommended,legacy-strict,recommended,strict\n`;
    expect(esm).toMatchObject({ code: 0, stdout: expected });
    expect(cjs).toMatchObject({ code: 0, stdout: expected });
  });

  it.for(['tsconfig.node16.json', 'tsconfig.bundler.json'])('types resolve under tsc -p %s', { timeout: SLOW }, async (config, { expect }) => {
    const tsc = join(project().dir, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await exec(process.execPath, [tsc, '-p', config], { cwd: project().dir, timeoutMs: 120_000 });
    expect(output.stdout + output.stderr).toBe('');
    expect(output.code).toBe(0);
  });
});

async function digest(root: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(await readFile(join(root, file)));
  return hash.digest('hex');
}
