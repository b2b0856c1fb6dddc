import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'tsdown';

/** Builds the `node` entry from source (ESM) into a temporary folder, for child `node --expose-gc` runs. */
export async function buildNodeEntry(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'taskgroup-node-'));
  await build({
    config: false,
    entry: { node: resolve(import.meta.dirname, '../../src/node/index.ts') },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    outDir,
    fixedExtension: true,
    logLevel: 'silent',
  });
  return join(outDir, 'node.mjs');
}
