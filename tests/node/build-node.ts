import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'tsdown';

/**
 * Builds the `node` and `task-group` entries from source (ESM) into a temporary folder, for child
 * `node --expose-gc` runs; returns the folder (`node.mjs`, `task-group.mjs`).
 */
export async function buildNodeEntries(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'taskgroup-node-'));
  await build({
    config: false,
    entry: { node: resolve(import.meta.dirname, '../../src/node/index.ts'), 'task-group': resolve(import.meta.dirname, '../../src/runtime/index.ts') },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    outDir,
    fixedExtension: true,
    logLevel: 'silent',
  });
  return outDir;
}
