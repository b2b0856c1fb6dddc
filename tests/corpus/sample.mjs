// The corpus of real files the rules, codemods and benchmarks run on. Plain JavaScript so
// that bench/ scripts can use it without a TypeScript loader; tests import it through
// sample.ts (types in sample.d.mts).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's own `node_modules`: thousands of real-world JavaScript and TypeScript files. */
export const CORPUS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');

/** Extensions of the files the rules and codemods must handle. */
export const CORPUS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];

/** Larger files are minified bundles: slow to lint and unlike code anyone writes by hand. */
export const MAX_FILE_BYTES = 100_000;

/** Every eligible file under the root (declaration files `.d.ts` and `.min.js` left out), sorted by path. */
export function corpusFiles(options = {}) {
  const root = options.root ?? CORPUS_ROOT;
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const files = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: not part of the corpus
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.bin' && entry.name !== '.cache') stack.push(full);
      } else if (entry.isFile() && isEligible(entry.name) && statSync(full).size <= maxBytes) {
        files.push(full);
      }
    }
  }
  return files.sort();
}

function isEligible(name) {
  if (/\.d\.[mc]?ts$/.test(name) || name.endsWith('.min.js')) return false;
  return CORPUS_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/**
 * A deterministic sample of `count` corpus files: the files whose path (relative to the
 * root) hashes lowest. The same tree always gives the same sample, and adding a package
 * changes it only where that package's files come in.
 */
export function sampleCorpus(count = 2000, options = {}) {
  const root = options.root ?? CORPUS_ROOT;
  const files = corpusFiles(options);
  if (files.length < count) {
    throw new Error(`The corpus under ${root} has ${files.length} eligible files; ${count} were asked for.`);
  }
  const keyed = files.map((file) => ({ file, key: createHash('sha1').update(path.relative(root, file)).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed
    .slice(0, count)
    .map((entry) => entry.file)
    .sort();
}
