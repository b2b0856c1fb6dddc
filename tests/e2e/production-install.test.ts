// Where users are: a JavaScript-only service (no TypeScript installed) that installs the
// package as the README says, as a devDependency; lints it, migrates it, then installs for
// production (`npm ci --omit=dev`) and runs. The migrated service must run with no dev tool
// in its production tree.
import { existsSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFindings, parseEslintJson, taskgroupFindings } from './lib/expectations';
import { copyProject, type Project } from './lib/project';
import { serviceProject } from './lib/projects';

const SLOW = 300_000;
const SOURCES = ['src/jobs.js'];
const DEV_TOOLS = ['eslint-plugin-taskgroup', 'eslint', 'jscodeshift', 'typescript', '@typescript-eslint/parser'];
const EXPECTED_RUN = `${JSON.stringify({ results: ['a uploaded', 'b uploaded'], audited: ['batch'] })}\n`;

let installed: Project;
const copies: Project[] = [];

beforeAll(async () => {
  installed = await serviceProject();
}, 600_000);

afterAll(async () => {
  await Promise.all(copies.map((copy) => rm(copy.dir, { recursive: true, force: true })));
});

async function copy(): Promise<Project> {
  const project = await copyProject(installed);
  copies.push(project);
  return project;
}

describe.concurrent('a JavaScript-only project without TypeScript', () => {
  it('has no typescript installed (the premise of this suite)', ({ expect }) => {
    expect(existsSync(join(installed.dir, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(installed.dir, 'node_modules', 'eslint-plugin-taskgroup'))).toBe(true);
  });

  it('npx taskgroup check lints the JavaScript and exits 1 with the marked findings', { timeout: SLOW }, async ({ expect }) => {
    const output = await installed.npx(['taskgroup', 'check', 'src', '--format', 'json']);
    expect(output.code, output.stderr).toBe(1);
    expect(taskgroupFindings(installed.dir, parseEslintJson(output.stdout))).toEqual(await expectedFindings(installed.dir, SOURCES, { strict: false, typed: false }));
  });

  it('eslint with the flat config (taskgroup.configs.recommended) reports the same', { timeout: SLOW }, async ({ expect }) => {
    const output = await installed.eslint(['--format', 'json', '.']);
    expect(output.code, output.stderr).toBe(1);
    expect(taskgroupFindings(installed.dir, parseEslintJson(output.stdout))).toEqual(await expectedFindings(installed.dir, SOURCES, { strict: false, typed: false }));
  });

  it('npx taskgroup check on a .ts file says TypeScript is missing and exits 2, not 1', { timeout: SLOW }, async ({ expect }) => {
    const output = await installed.npx(['taskgroup', 'check', 'typed']);
    expect(output.code).toBe(2);
    expect(output.stderr).toContain('1 TypeScript file not linted (typed/handler.ts): TypeScript is not installed.');
    expect(output.stderr).not.toMatch(/Cannot find module/);
  });
});

describe('a migrated service in a production install', () => {
  it('migrate copies the runtime (a devDependency is not installed in production), and the service runs after npm ci --omit=dev', { timeout: SLOW }, async () => {
    const project = await copy();
    // The control: the same service migrated to import the package (--helper), which only works while dev dependencies are installed.
    await cp(join(project.dir, 'src'), join(project.dir, 'imports-package'), { recursive: true });

    const migrated = await project.npx(['taskgroup', 'migrate', 'src']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stderr).toContain('eslint-plugin-taskgroup is only a devDependency in package.json, and production installs omit dev dependencies: files import a copy of the runtime in src');
    const jobs = await readFile(join(project.dir, 'src', 'jobs.js'), 'utf8');
    expect(jobs).toContain("import { TaskGroup, background } from './task-group.js';");
    expect(jobs).toContain('TaskGroup.all(');
    expect(existsSync(join(project.dir, 'src', 'task-group.js'))).toBe(true);
    const helper = await project.npx(['taskgroup', 'migrate', '--helper', 'eslint-plugin-taskgroup/task-group', 'imports-package']);
    expect(helper.code, helper.stderr).toBe(0);

    // A second run changes nothing, and leaves the copy alone.
    const again = await project.npx(['taskgroup', 'migrate', 'src']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('2 files scanned, 0 changed');
    // Migrated code is what the rules want.
    const checked = await project.npx(['taskgroup', 'check', 'src']);
    expect(checked, checked.stdout).toMatchObject({ code: 0 });

    expect(await project.node(['src/main.js'])).toMatchObject({ code: 0, stdout: EXPECTED_RUN });
    expect(await project.node(['imports-package/main.js'])).toMatchObject({ code: 0, stdout: EXPECTED_RUN });

    const production = await project.npm(['ci', '--omit=dev', '--no-audit', '--no-fund']);
    expect(production.code, production.stderr).toBe(0);
    for (const tool of DEV_TOOLS) expect(existsSync(join(project.dir, 'node_modules', tool)), tool).toBe(false);
    const tree = await project.npm(['ls', '--omit=dev', '--all', '--json']);
    expect(tree.code, tree.stderr).toBe(0);
    expect(JSON.parse(tree.stdout)).not.toHaveProperty('dependencies');

    expect(await project.node(['src/main.js'])).toMatchObject({ code: 0, stdout: EXPECTED_RUN, stderr: '' });
    const control = await project.node(['imports-package/main.js']);
    expect(control.code).not.toBe(0);
    expect(control.stderr).toContain('ERR_MODULE_NOT_FOUND');
  });
});
