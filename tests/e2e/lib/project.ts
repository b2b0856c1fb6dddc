// A user's project in a temporary folder: the packed tarball installed from disk, ESLint
// and typescript-eslint from the npm registry (through npm's cache), the fixture copied in.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = join(import.meta.dirname, '..', '..', '..');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'project');
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

/** Packs the package as `npm publish` would; dist/ must be built (`npm run build`). */
export async function packTarball(into: string): Promise<string> {
  if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) {
    await run(npm, ['run', 'build'], { cwd: repoRoot, timeout: 180_000 });
  }
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', into], { cwd: repoRoot, timeout: 120_000 });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error(`npm pack printed no file:\n${stdout}`);
  return join(into, packed.filename);
}

export interface Project {
  dir: string;
  eslintMajor: number;
  /** Runs the project's ESLint. */
  eslint(args: readonly string[], env?: Record<string, string>): Promise<Output>;
  /** Runs a command of the project's `node_modules/.bin` through npx. */
  npx(args: readonly string[]): Promise<Output>;
  node(args: readonly string[]): Promise<Output>;
}

/** Installs the tarball with `eslint@<eslint>` into a new project holding the fixture. */
export async function createProject(tarball: string, eslint: string): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), `taskgroup-e2e-eslint${eslint.split('.')[0]}-`));
  await cp(fixture, dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'e2e-user-project', private: true, type: 'module' }, null, 2)}\n`);
  const own = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const dependencies = [
    tarball,
    `eslint@${eslint}`,
    `typescript-eslint@${own.devDependencies['typescript-eslint']}`,
    `typescript@${own.devDependencies.typescript}`,
  ];
  const installed = await exec(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...dependencies], {
    cwd: dir,
    timeoutMs: 300_000,
  });
  if (installed.code !== 0) throw new Error(`npm install failed in ${dir}:\n${installed.stderr}`);
  const eslintBin = join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  return {
    dir,
    eslintMajor: Number(eslint.split('.')[0]),
    eslint: (args, env) => exec(process.execPath, [eslintBin, ...args], { cwd: dir, env, timeoutMs: 120_000 }),
    npx: (args) => exec(npm === 'npm' ? 'npx' : 'npx.cmd', ['--no', ...args], { cwd: dir, timeoutMs: 120_000 }),
    node: (args) => exec(process.execPath, args, { cwd: dir }),
  };
}
