import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, taskgroup, removeProjects, temporaryDir } from './helpers';

// The zombie-task scenario, written with `Promise.all` in a background handler (an event
// listener), in a small strict TypeScript project: migrated by the CLI, compiled, and run.

const JOB_TS = `import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export const log: string[] = [];
export const bus = new EventEmitter();

async function upload(name: string): Promise<string> {
  try {
    await sleep(150);
    log.push(\`\${name} done\`);
    return name;
  } finally {
    log.push(\`\${name} finally\`);
  }
}

async function failFast(): Promise<never> {
  await sleep(5);
  throw new Error('boom');
}

export async function handleJob(): Promise<number> {
  const [first] = await Promise.all([upload('a'), failFast(), sleep(10_000)]);
  return first.length;
}

bus.on('job', handleJob);
`;

const MAIN_MJS = `import { log, handleJob } from './dist/job.js';
import { taskStats } from 'eslint-plugin-taskgroup/task-group';
const error = await handleJob().then(() => undefined, (e) => e.message);
console.log(JSON.stringify({ error, log: [...log], active: taskStats().active }));
process.exit(0);
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    skipLibCheck: true,
  },
  include: ['src'],
};

let home = '';

beforeAll(async () => {
  home = await ensureBuilt();
}, 120_000);
afterAll(removeProjects);

/** A fresh copy of the project, the package linked into its node_modules. */
function makeProject(extraOptions: Record<string, unknown> = {}, extraFiles: Record<string, string> = {}): string {
  const dir = temporaryDir(path.join(ROOT, '.tmp'), 'after-migration-');
  const files: Record<string, string> = {
    // A dependency (linked below): `migrate` imports the package rather than copying the runtime.
    'package.json': '{ "type": "module", "dependencies": { "eslint-plugin-taskgroup": "*" } }\n',
    'tsconfig.json': JSON.stringify({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, ...extraOptions } }, null, 2),
    'src/job.ts': JOB_TS,
    'main.mjs': MAIN_MJS,
    ...extraFiles,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(home, path.join(dir, 'node_modules', 'eslint-plugin-taskgroup'));
  return dir;
}

/** Type-checks and compiles the project (strict): the diagnostics, empty when it compiles. */
function compile(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const program = ts.createProgram(config.fileNames, config.options);
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  return diagnostics.map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

interface Outcome {
  error: string;
  log: string[];
  active: number;
}

function run(dir: string): Outcome {
  const result = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Outcome;
}

describe('after migration', () => {
  it('before: the handler settles while its tasks still run (zombies)', () => {
    const dir = makeProject();
    expect(compile(dir)).toEqual([]);
    const outcome = run(dir);
    expect(outcome.error).toBe('boom');
    expect(outcome.log).not.toContain('a finally');
  });

  it('after (default helper): it type-checks, and when the handler settles no task is left and every finally ran; the failure cancels the upload in flight', () => {
    const dir = makeProject();
    const migrated = taskgroup(['migrate', 'src'], dir);
    expect(migrated.code).toBe(0);
    const source = readFileSync(path.join(dir, 'src/job.ts'), 'utf8');
    expect(source).toContain("import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';");
    expect(source).toContain('(signal: AbortSignal) => sleep(10_000, undefined, { signal })');
    // The signal is threaded through the module's own functions to the timers they await.
    expect(source).toContain('async function upload(name: string, signal?: AbortSignal): Promise<string> {');
    expect(source).toContain('await sleep(150, undefined, { signal });');
    expect(source).toContain("(signal: AbortSignal) => upload('a', signal)");
    expect(compile(dir)).toEqual([]);
    const outcome = run(dir);
    expect(outcome).toEqual({ error: 'boom', log: ['a finally'], active: 0 });
  });

  it('after --vendor: the runtime is copied as task-group.ts, imported relatively, type-checks and runs', () => {
    const dir = makeProject();
    const migrated = taskgroup(['migrate', '--vendor', 'src/vendor', 'src'], dir);
    expect(migrated.code).toBe(0);
    expect(readFileSync(path.join(dir, 'src/job.ts'), 'utf8')).toContain("import { TaskGroup } from './vendor/task-group.js';");
    expect(readFileSync(path.join(dir, 'src/vendor/task-group.ts'), 'utf8')).toContain('class TaskGroup');
    expect(compile(dir)).toEqual([]);
    // main.mjs reads the stats of the vendored copy: they are process-wide (shared through globalThis).
    const outcome = run(dir);
    expect(outcome).toEqual({ error: 'boom', log: ['a finally'], active: 0 });
  });

  it('after --helper <specifier>: the import uses it and the project type-checks', () => {
    const dir = makeProject(
      { paths: { '#tasks': ['./src/lib/tasks.ts'] } },
      { 'src/lib/tasks.ts': "export { TaskGroup, background } from 'eslint-plugin-taskgroup/task-group';\n" },
    );
    cpSync(path.join(dir, 'src/job.ts'), path.join(dir, 'src/job.before.ts'));
    const migrated = taskgroup(['migrate', '--helper', '#tasks', 'src/job.ts'], dir);
    expect(migrated.code).toBe(0);
    expect(readFileSync(path.join(dir, 'src/job.ts'), 'utf8')).toContain("import { TaskGroup } from '#tasks';");
    expect(compile(dir)).toEqual([]);
  });
});
