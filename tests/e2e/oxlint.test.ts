// oxlint runs the rules through `jsPlugins`: the README's `.oxlintrc.json`, pasted into a
// project that installed the packed package and oxlint, reports what ESLint reports on the
// same files (rule ids, lines, columns, messages), without type information.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectedFindings, parseEslintJson } from './lib/expectations';
import { compare, type Finding, oxlint, oxlintFindings, readmeOxlintConfig } from './lib/oxlint';
import { type Project, repoRoot } from './lib/project';
import { eslintProject } from './lib/projects';

const SLOW = 180_000;
const SOURCES = ['src/legacy.cjs', 'src/worker.ts'];

let project: Project;
let work: string;

beforeAll(async () => {
  project = await eslintProject('10.15.0');
  // A folder of its own in the shared project, with the README's config.
  work = await mkdtemp(join(project.dir, 'oxlint-'));
  await writeFile(join(work, '.oxlintrc.json'), JSON.stringify(await readmeOxlintConfig(join(repoRoot, 'README.md')), null, 2));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function eslintFindings(args: readonly string[]): Promise<Finding[]> {
  const output = await project.eslint(['--format', 'json', ...args]);
  if (output.code !== 0 && output.code !== 1) throw new Error(`eslint exited with ${output.code}:\n${output.stderr}`);
  return parseEslintJson(output.stdout)
    .flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('taskgroup/'))
        .map((message) => ({ file: relative(project.dir, result.filePath), line: message.line, column: message.column, ruleId: message.ruleId ?? '', message: message.message })),
    )
    .sort(compare);
}

describe.concurrent('oxlint with the README .oxlintrc.json', () => {
  it('turns on exactly the recommended rules', { timeout: SLOW }, async ({ expect }) => {
    const config = await readmeOxlintConfig(join(repoRoot, 'README.md'));
    const recommended = await project.node(['--input-type=module', '-e', "import p from 'eslint-plugin-taskgroup'; console.log(JSON.stringify(p.configs.recommended.rules))"]);
    expect(config.jsPlugins).toEqual(['eslint-plugin-taskgroup']);
    expect(config.rules).toEqual(JSON.parse(recommended.stdout));
  });

  it('reports what ESLint reports on the same files: rule ids, lines, columns and messages', { timeout: SLOW }, async ({ expect }) => {
    const [ox, eslint] = await Promise.all([oxlint(project, ['-c', join(work, '.oxlintrc.json'), 'src']), eslintFindings(['--config', 'eslint.config.js', 'src'])]);
    expect(ox.stderr).toBe('');
    const found = oxlintFindings(ox.stdout);
    expect(found).toEqual(eslint);
    // And both are the findings marked in the sources (no type information: oxlint has none).
    expect(found.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual(
      await expectedFindings(project.dir, SOURCES, { strict: false, typed: false }),
    );
  });

  it('takes rule options; --fix-suggestions makes the change of ESLint\'s suggestion', { timeout: SLOW }, async ({ expect }) => {
    const source = "import { jobs } from './queue';\n\njobs.enqueue('sync', async () => {\n  await Promise.all([fetch('/a'), fetch('/b')]);\n});\n";
    const file = join(work, 'job.ts');
    await writeFile(file, source);
    const config = join(work, 'options.oxlintrc.json');
    const rule = ['error', { backgroundFunctions: ['jobs.enqueue'] }];
    await writeFile(config, JSON.stringify({ jsPlugins: ['eslint-plugin-taskgroup'], categories: { correctness: 'off' }, rules: { 'taskgroup/no-unscoped-promise-combinator': rule } }));
    const ox = await oxlint(project, ['-c', config, relative(project.dir, file)]);
    expect(oxlintFindings(ox.stdout)).toMatchObject([{ line: 4, ruleId: 'taskgroup/no-unscoped-promise-combinator', message: expect.stringContaining('jobs.enqueue() callback') }]);

    const eslintConfig = join(work, 'options.eslint.config.mjs');
    await writeFile(eslintConfig, `import taskgroup from 'eslint-plugin-taskgroup';\nimport tseslint from 'typescript-eslint';\n` +
      `export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { taskgroup }, rules: { 'taskgroup/no-unscoped-promise-combinator': ${JSON.stringify(rule)} } }];\n`);
    const eslint = await project.eslint(['--format', 'json', '--config', eslintConfig, relative(project.dir, file)]);
    const [suggestion] = parseEslintJson(eslint.stdout)[0]?.messages[0]?.suggestions ?? [];
    expect(suggestion).toBeDefined();
    const suggested = source.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + source.slice(suggestion!.fix.range[1]);
    const fixed = await oxlint(project, ['-c', config, '--fix-suggestions', relative(project.dir, file)]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(suggested).toContain('TaskGroup.all(');
    expect(await readFile(file, 'utf8')).toBe(suggested);
  });
});
