#!/usr/bin/env node
// `npm run build`: tsdown's API with tsdown.config.ts, quietly. Only warnings and errors print,
// then one line. (tsdown's CLI prints every output file and, on Node < 22.18, a deprecation
// notice of its own; the API does neither.)
import { build } from 'tsdown';

const started = performance.now();
try {
  await build({ config: 'tsdown.config.ts', logLevel: 'warn' });
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
console.log(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
