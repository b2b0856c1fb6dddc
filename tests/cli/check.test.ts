import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_TS, ensureBuilt, project, taskgroup, removeProjects, ROOT } from './helpers';

let home = '';
beforeAll(async () => {
  home = await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

/** An import specifier a temporary project's config can load without a node_modules of its own. */
const moduleUrl = (file: string) => JSON.stringify(pathToFileURL(file).href);
const typescriptParser = () => moduleUrl(path.join(ROOT, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js'));

/** `check --format json`'s findings, one `file:line:column rule` string each. */
function findings(stdout: string, dir: string): string[] {
  const files = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number }[] }[];
  return files.flatMap((file) => file.messages.map((message) => `${path.relative(dir, file.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId}`));
}

/** A local plugin with one rule that reports every `debugger` statement: "another plugin". */
const OTHER_PLUGIN = `const other = { rules: { 'no-debugger-here': { meta: { type: 'problem', schema: [] }, create: (context) => ({ DebuggerStatement: (node) => context.report({ node, message: 'other plugin' }) }) } } };`;

/** A worker whose combinator is background only because of settings.taskgroup.backgroundFunctions. */
const CUSTOM_QUEUE_TS = `declare const jobs: { process(handler: () => Promise<void>): void };
export function start() {
  jobs.process(async () => {
    // eslint-disable-next-line react-hooks/exhaustive-deps
    await Promise.all([fetch('/a'), fetch('/b')]);
    debugger;
  });
}
// eslint-disable-next-line other/no-debugger-here
export const unused = 1;
`;

describe('taskgroup check', () => {
  it('reports with the recommended config when the project has no ESLint config, exits 1, and names migrate, not --fix', () => {
    const dir = project({ 'src/handler.ts': BACKGROUND_TS, 'src/view.jsx': 'export const V = () => <b>ok</b>;\n' });
    const result = taskgroup(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('taskgroup/no-unscoped-promise-combinator');
    expect(result.stdout).toContain('taskgroup/no-uncancellable-floating-promise');
    expect(result.stdout).not.toContain('view.jsx');
    expect(result.stdout).toContain('2 problems (2 errors, 0 warnings)');
    expect(result.stdout + result.stderr).not.toContain('--fix');
    expect(result.stderr).toBe('taskgroup check: 2 sites to migrate: `taskgroup migrate --dry` shows the rewrite, `taskgroup migrate` makes it.\n');
  });

  it("without a project config, other plugins' disable comments cause no error and no warning", () => {
    const dir = project({ 'src/queue.ts': CUSTOM_QUEUE_TS.replace(/^declare const jobs.*$/m, "import { after } from 'next/server';").replace('jobs.process', 'after'), 'src/only-directives.ts': '// eslint-disable-next-line import/no-cycle\nexport const a = 1; // eslint-disable-line no-console\n' });
    const result = taskgroup(['check', '--format', 'json'], dir);
    expect(findings(result.stdout, dir)).toEqual(['src/queue.ts:5:11 taskgroup/no-unscoped-promise-combinator']);
    expect(result.stderr).not.toMatch(/Definition for rule|Unused eslint-disable/);
  });

  it("uses the project's ESLint config: its settings.taskgroup apply, only this plugin's findings are printed", () => {
    const config = `import parser from ${typescriptParser()};
${OTHER_PLUGIN}
export default [
  { files: ['**/*.ts'], languageOptions: { parser }, plugins: { other }, rules: { 'other/no-debugger-here': 'error', 'no-unused-vars': 'warn' } },
  { settings: { taskgroup: { backgroundFunctions: ['jobs.process'] } } },
];
`;
    const dir = project({ 'eslint.config.mjs': config, 'src/queue.ts': CUSTOM_QUEUE_TS });
    const result = taskgroup(['check', '--format', 'json'], dir);
    expect(findings(result.stdout, dir)).toEqual(['src/queue.ts:5:11 taskgroup/no-unscoped-promise-combinator']);
    const counts = (JSON.parse(result.stdout) as { errorCount: number; warningCount: number }[]).map((file) => [file.errorCount, file.warningCount]);
    expect(counts.sort()).toEqual([[0, 0], [1, 0]]);
    expect(result.code).toBe(1);
    // Without the setting, the same code is not background: proof that the project's config was read.
    const withoutSettings = project({ 'eslint.config.mjs': config.replace("{ settings: { taskgroup: { backgroundFunctions: ['jobs.process'] } } },", ''), 'src/queue.ts': CUSTOM_QUEUE_TS });
    expect(taskgroup(['check'], withoutSettings)).toMatchObject({ code: 0, stdout: '' });
  });

  it('a project config that has no parser for .ts files gets the TypeScript parser for them; its ignores apply', () => {
    const dir = project({ 'eslint.config.mjs': "export default [{ ignores: ['generated/**'] }, { files: ['**/*.js'], rules: { 'no-undef': 'error' } }];\n", 'src/handler.ts': BACKGROUND_TS, 'generated/handler.ts': BACKGROUND_TS });
    const result = taskgroup(['check', '--format', 'json'], dir);
    expect(findings(result.stdout, dir)).toEqual(['src/handler.ts:5:11 taskgroup/no-unscoped-promise-combinator', 'src/handler.ts:6:5 taskgroup/no-uncancellable-floating-promise']);
  });

  it('a project config that already loads the plugin keeps it (no "Cannot redefine plugin")', () => {
    const config = `import parser from ${typescriptParser()};
import taskgroup from ${moduleUrl(path.join(home, 'dist', 'index.mjs'))};
export default [{ files: ['**/*.ts'], languageOptions: { parser } }, taskgroup.configs.recommended];
`;
    const dir = project({ 'eslint.config.mjs': config, 'src/handler.ts': BACKGROUND_TS });
    const result = taskgroup(['check'], dir);
    expect(result.stderr).not.toContain('could not be loaded');
    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining('2 problems') });
  });

  it("a project config that cannot be loaded is named, and the plugin's own config is used instead", () => {
    const dir = project({ 'src/handler.ts': BACKGROUND_TS, 'eslint.config.js': 'throw new Error("broken on purpose");\n' });
    const result = taskgroup(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("taskgroup check: your ESLint config eslint.config.js could not be loaded (broken on purpose); checked with the plugin\'s own config instead\n");
    expect(result.stdout).toContain('2 problems (2 errors, 0 warnings)');
  });

  it('exits 0 on clean code; --format passes an ESLint formatter; --strict uses the strict config', () => {
    const dir = project({ 'ok.ts': 'export async function get() {\n  return await Promise.all([1, 2]);\n}\n' });
    expect(taskgroup(['check', '.'], dir)).toMatchObject({ code: 0, stdout: '' });
    const strict = taskgroup(['check', '--strict', '--format', 'json', '.'], dir);
    expect(strict.code).toBe(1);
    const results = JSON.parse(strict.stdout) as { messages: { ruleId: string }[] }[];
    expect(results[0]!.messages.map((message) => message.ruleId)).toContain('taskgroup/no-unscoped-promise-combinator');
  });

  it('reports a file that does not parse', () => {
    const dir = project({ 'broken.ts': 'export const x = {\n' });
    const result = taskgroup(['check', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\.ts[\s\S]*Parsing error/);
  });

  it('rejects an unknown formatter, an unknown option and a missing path with exit code 2', () => {
    const dir = project({ 'ok.ts': 'export {};\n' });
    expect(taskgroup(['check', '--format', 'no-such-formatter'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format') });
    expect(taskgroup(['check', '--fix'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--fix'") });
    expect(taskgroup(['check', 'missing/'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('missing/: no such file or folder') });
  });
});
