#!/usr/bin/env node
// `npm run build`: tsdown's API with tsdown.config.ts, quietly. Only warnings and errors print,
// then one line. (tsdown's CLI prints every output file and, on Node < 22.18, a deprecation
// notice of its own; the API does neither.)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';
import { sourceKey } from './source-key.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
try {
  const key = sourceKey(root); // of the sources as they were when the build read them
  // `unrun` on every Node line: Node's own TypeScript loading (24, or 22.18+) does not resolve
  // the config's extensionless relative imports.
  await build({ config: join(root, 'tsdown.config.ts'), configLoader: 'unrun', cwd: root, logLevel: 'warn' });
  writeFileSync(join(root, 'dist', '.source-key'), `${key}\n`);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
