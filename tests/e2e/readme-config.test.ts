// The README's typed flat config, pasted as eslint.config.js into a fresh TypeScript project
// (tsconfig.json, package.json, sources), lints every file, the config itself included.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFindings, parseEslintJson, taskgroupFindings } from './lib/expectations';
import { exec, type Project, repoRoot } from './lib/project';
import { eslintProject } from './lib/projects';

let project: Project;
let fresh: string;

/** The README's ```js block that configures typescript-eslint. */
async function typedSnippet(): Promise<string> {
  const blocks = [...(await readFile(join(repoRoot, 'README.md'), 'utf8')).matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const snippet = blocks.find((block) => block.includes('recommendedTypeChecked'));
  if (snippet === undefined) throw new Error('README.md has no ```js block with recommendedTypeChecked');
  return snippet;
}

beforeAll(async () => {
  project = await eslintProject('10.15.0');
  // A fresh project inside the installed one (its node_modules resolve by walking up).
  fresh = await mkdtemp(join(project.dir, 'fresh-'));
  await cp(join(project.dir, 'src'), join(fresh, 'src'), { recursive: true });
  await cp(join(project.dir, 'tsconfig.json'), join(fresh, 'tsconfig.json'));
  await writeFile(join(fresh, 'package.json'), '{ "name": "fresh", "private": true, "type": "module" }\n');
  await writeFile(join(fresh, 'eslint.config.js'), await typedSnippet());
}, 600_000);

afterAll(async () => {
  if (fresh) await rm(fresh, { recursive: true, force: true });
});

describe('the README typed config', () => {
  it('lints the project and eslint.config.js itself without a parse error, with type information', { timeout: 180_000 }, async () => {
    const eslint = join(project.dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const output = await exec(process.execPath, [eslint, '--format', 'json', '.'], { cwd: fresh, timeoutMs: 120_000 });
    expect(output.code, output.stderr).toBe(1);
    const results = parseEslintJson(output.stdout); // throws on any parse error
    expect(results.map((result) => result.filePath.slice(fresh.length + 1)).sort()).toEqual(['eslint.config.js', 'src/legacy.cjs', 'src/worker.ts']);
    expect(taskgroupFindings(fresh, results)).toEqual(await expectedFindings(fresh, ['src/legacy.cjs', 'src/worker.ts'], { strict: false, typed: true }));
  });
});
