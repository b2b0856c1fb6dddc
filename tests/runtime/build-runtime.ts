import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'tsdown';

/**
 * Builds `src/runtime` alone to a temporary folder (ESM, no declarations) and returns the path of
 * the module, for tests that run the runtime in a child `node` process (flags such as
 * `--expose-gc`). Built from source so the test checks the code in the tree, whatever `dist` holds.
 */
export async function buildRuntime(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'taskgroup-runtime-'));
  await build({
    config: false,
    entry: { 'task-group': resolve(import.meta.dirname, '../../src/runtime/index.ts') },
    format: ['esm'],
    dts: false,
    platform: 'neutral',
    target: 'node20',
    outDir,
    clean: false,
    fixedExtension: true,
    logLevel: 'silent',
  });
  return join(outDir, 'task-group.mjs');
}
