import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** Reads a built file; a missing `dist` fails loudly instead of skipping. */
export function distFile(name: string): { path: string; code: string } {
  const path = resolve(root, 'dist', name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run build\` first (\`npm test\` builds before running vitest)`);
  }
  return { path, code: readFileSync(path, 'utf8') };
}
