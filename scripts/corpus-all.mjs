#!/usr/bin/env node
// Lints every eligible .js/.ts/.mjs/.cjs/.tsx file under node_modules with every rule of the
// plugin (the CI corpus test runs a 2,000-file sample of the same set). Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync('npx', ['vitest', 'run', 'tests/corpus/corpus.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CORPUS: 'all' },
});
process.exit(run.status ?? 1);
