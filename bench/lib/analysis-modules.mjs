// Builds the parts of src/analysis the benches call directly (they are no public entry of the
// package): the project index and the cross-module layer, as ESM, from the sources in the tree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds src/analysis/project and src/analysis/cross into .tmp/bench-analysis; returns the two modules' paths. */
export async function buildAnalysisModules() {
  const { build } = await import('tsdown');
  const outDir = path.join(root, '.tmp', 'bench-analysis');
  await build({
    config: false,
    entry: { 'project-index': path.join(root, 'src/analysis/project/index.ts'), cross: path.join(root, 'src/analysis/cross/index.ts') },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    outDir,
    clean: true,
    fixedExtension: true,
    logLevel: 'silent',
  });
  return { projectIndex: path.join(outDir, 'project-index.mjs'), cross: path.join(outDir, 'cross.mjs') };
}
