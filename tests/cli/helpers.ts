import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceKey } from '../../scripts/source-key.mjs';
import { writeRuntimeSource } from '../../src/cli/runtime-source';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * A private build of the package (dist/ of the tree's current src/), under .tmp/: the shared
 * dist/ is rebuilt (and cleaned) by whoever runs `npm run build`, so CLI tests do not run from
 * it. Made once per source state, shared by concurrent test files: a copy of dist/ when
 * `npm run build` built it from these sources (as `npm test` just did), else a build.
 */
export async function buildPackage(): Promise<string> {
  const key = sourceKey(ROOT);
  const home = path.join(ROOT, '.tmp', 'cli-build', key);
  if (existsSync(path.join(home, 'dist', 'cli.js'))) return home;
  const staging = `${home}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(path.join(ROOT, 'package.json'), path.join(staging, 'package.json'));
  const out = path.join(staging, 'dist');
  if (!copyDist(key, out)) {
    rmSync(out, { recursive: true, force: true });
    await buildInto(out);
  }
  try {
    renameSync(staging, home);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another test file made it first
  }
  // Builds of older sources, an hour old: no running test uses them any more.
  for (const entry of readdirSync(path.dirname(home))) {
    const old = path.join(path.dirname(home), entry);
    if (old !== home && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  return home;
}

/**
 * Copies dist/ to `out` when `npm run build` built it from the sources of `key`, and they were
 * still its sources when the copy was done (a build running meanwhile cleans dist/).
 */
function copyDist(key: string, out: string): boolean {
  if (builtKey() !== key) return false;
  try {
    cpSync(path.join(ROOT, 'dist'), out, { recursive: true });
  } catch {
    return false;
  }
  return builtKey() === key;
}

/** The source key dist/ was built from, if `npm run build` recorded one. */
function builtKey(): string | undefined {
  try {
    return readFileSync(path.join(ROOT, 'dist', '.source-key'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Builds the package with tsdown.config.ts into `outDir`. */
async function buildInto(outDir: string): Promise<void> {
  const { build } = await import('tsdown');
  const configs = (await import('../../tsdown.config')).default as unknown as Record<string, unknown>[];
  for (const config of configs) {
    await build({
      ...config,
      config: false,
      cwd: ROOT,
      outDir,
      clean: false,
      logLevel: 'silent',
      onSuccess: undefined,
    } as never);
  }
  writeRuntimeSource(path.join(ROOT, 'src', 'runtime'), path.join(outDir, 'task-group.ts'));
}

let cli = '';

/** Builds (or reuses) the private package build; call in `beforeAll`. */
export async function ensureBuilt(): Promise<string> {
  const home = await buildPackage();
  cli = path.join(home, 'dist', 'cli.js');
  return home;
}

const created: string[] = [];

/** Removes the temporary projects this test file made (call in `afterAll`). */
export function removeProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary folder, removed by `removeProjects`. */
export function temporaryDir(parent = os.tmpdir(), prefix = 'taskgroup-cli-'): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, prefix));
  created.push(dir);
  return dir;
}

/** A temporary project with the given files (path → content). */
export function project(files: Record<string, string | Buffer>): string {
  const dir = temporaryDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `taskgroup <args>` in `cwd` (as another user when `uid` is given: root reads any file whatever its mode). */
export function taskgroup(args: string[], cwd: string = ROOT, uid?: number, nodeArgs: string[] = []): CliResult {
  if (!cli) throw new Error('call ensureBuilt() in beforeAll first');
  const result = spawnSync(process.execPath, [...nodeArgs, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Can user `uid` run the built CLI? Not when the checkout sits below a folder it cannot
 * enter (a `mktemp -d` folder is 0700): then a test that needs an unprivileged user falls
 * back to `NON_ROOT_OPEN`.
 */
export function canRunCliAs(uid: number): boolean {
  if (!cli) throw new Error('call ensureBuilt() in beforeAll first');
  return spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(cli)}, 4)`], { uid, gid: uid }).status === 0;
}

/**
 * A preload (`node --require`) that gives root the permission check of an ordinary user on
 * `open`: a file with no read bit fails with EACCES, as it would for anyone but root.
 */
export const NON_ROOT_OPEN = path.join(import.meta.dirname, 'fixtures', 'non-root-open.cjs');

/** A `--require` preload that makes `typescript` impossible to load, as in a JavaScript-only project. */
export const WITHOUT_TYPESCRIPT = path.join(import.meta.dirname, 'fixtures', 'without-typescript.cjs');

/** A background handler with a combinator and a floating promise: what both codemods rewrite. */
export const BACKGROUND_TS = `import { after } from 'next/server';

export function POST() {
  after(async () => {
    await Promise.all([fetch('/a'), fetch('/b')]);
    fetch('/ping').catch(() => {});
  });
  return new Response('ok');
}
`;
