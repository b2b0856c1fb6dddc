// A user's project: a fixture folder, the packed tarball installed from disk and other
// packages from the npm registry (through npm's cache). Made once and shared (lib/cache.ts).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { cachedFolder, hashOf, repoRoot } from './cache';

export { repoRoot };
const run = promisify(execFile);
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; a non-zero exit is returned, not thrown. */
export async function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<Output> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; killed?: boolean };
    if (typeof failed.code !== 'number' || failed.killed) throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * The package packed as `npm publish` would (dist/ must be built: `npm run build`), once per
 * content of what it packs.
 */
export async function packTarball(): Promise<string> {
  if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) {
    await run(npm, ['run', 'build'], { cwd: repoRoot, timeout: 180_000 });
  }
  const packed = ['dist', 'docs', 'README.md', 'LICENSE', 'package.json'].map((file) => join(repoRoot, file));
  const dir = await cachedFolder(`pack-${hashOf([], packed)}`, async (staging) => {
    await run(npm, ['pack', '--silent', '--pack-destination', staging], { cwd: repoRoot, timeout: 120_000 });
  });
  const [file] = (await readdir(dir)).filter((name) => name.endsWith('.tgz'));
  if (file === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  return join(dir, file);
}

export interface Project {
  dir: string;
  /** Runs the project's ESLint. */
  eslint(args: readonly string[], env?: Record<string, string>): Promise<Output>;
  /** Runs a command of the project's `node_modules/.bin` through npx. */
  npx(args: readonly string[]): Promise<Output>;
  npm(args: readonly string[]): Promise<Output>;
  node(args: readonly string[]): Promise<Output>;
}

function projectAt(dir: string): Project {
  const eslintBin = join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return {
    dir,
    eslint: (args, env) => exec(process.execPath, [eslintBin, ...args], { cwd: dir, env, timeoutMs: 120_000 }),
    npx: (args) => exec(npm === 'npm' ? 'npx' : 'npx.cmd', ['--no', ...args], { cwd: dir, timeoutMs: 120_000 }),
    npm: (args) => exec(npm, args, { cwd: dir, timeoutMs: 300_000 }),
    node: (args) => exec(process.execPath, args, { cwd: dir }),
  };
}

export interface ProjectSpec {
  /** A folder of tests/e2e/fixtures copied in. */
  fixture: string;
  /** package.json fields besides name and privacy. */
  manifest?: Record<string, unknown>;
  /** The packed package, installed first (copied into the project: copies of it stay installable). */
  tarball: string;
  /** Further `npm install` arguments: packages from the registry, flags such as `--save-dev`. */
  install: string[];
  /** An `.npmrc` for the project (e.g. `legacy-peer-deps=true`). */
  npmrc?: string;
}

/**
 * A user's project with the fixture and the packages installed (from npm's cache where it
 * can). Shared: tests must not change it, but work in their own folder inside it, or on a copy
 * (`copyProject`).
 */
export async function installedProject(spec: ProjectSpec): Promise<Project> {
  const fixtureDir = join(fixtures, spec.fixture);
  const key = hashOf([JSON.stringify(spec)], [fixtureDir]);
  const dir = await cachedFolder(`${spec.fixture}-${key}`, async (staging) => {
    await cp(fixtureDir, staging, { recursive: true });
    const manifest = { name: `e2e-${spec.fixture}`, private: true, ...spec.manifest };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (spec.npmrc !== undefined) await writeFile(join(staging, '.npmrc'), spec.npmrc);
    await copyFile(spec.tarball, join(staging, basename(spec.tarball)));
    const packages = [`./${basename(spec.tarball)}`, ...spec.install];
    const installed = await exec(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...packages], {
      cwd: staging,
      timeoutMs: 300_000,
    });
    if (installed.code !== 0) throw new Error(`npm install failed in ${staging}:\n${installed.stderr}`);
  });
  return projectAt(dir);
}

/** A copy of an installed project in a new temporary folder, for tests that change it. */
export async function copyProject(project: Project): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), 'taskgroup-e2e-copy-'));
  await cp(project.dir, dir, { recursive: true, verbatimSymlinks: true });
  return projectAt(dir);
}

/** The devDependencies of this repository: the versions e2e projects install. */
export function ownVersions(): Record<string, string> {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
}
