import path from 'node:path';
import { type FileSystemView, asObject } from './file-system';
import { isSourceFile } from './source-files';

/** TypeScript's output-to-source mapping: `import './a.js'` means `a.ts` (or `a.tsx`) when that exists. */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** Extensions tried, in order, on a path written without one (TypeScript's order, then the ESM/CJS-only ones). */
const PROBED_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'];

/** Never read dependencies: a path through node_modules resolves to nothing. */
export function inNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

function sourceFile(file: string, fs: FileSystemView): string | undefined {
  return isSourceFile(file) && fs.isFile(file) ? file : undefined;
}

/**
 * The source file an absolute module path denotes, as TypeScript and Node resolve it:
 * the `.js` → `.ts` mapping, the path itself, the path with an extension, then a folder's
 * package.json `main`/`module`/`source` or its `index` file. Declaration files, JSON and
 * anything in node_modules resolve to nothing.
 */
export function resolveModulePath(absolute: string, fs: FileSystemView, depth = 0): string | undefined {
  if (inNodeModules(absolute) || depth > 2) return undefined;
  const extension = path.extname(absolute).toLowerCase();
  const base = absolute.slice(0, absolute.length - extension.length);
  for (const mapped of SOURCE_FOR_OUTPUT[extension] ?? []) {
    const found = sourceFile(base + mapped, fs);
    if (found) return found;
  }
  const exact = sourceFile(absolute, fs);
  if (exact) return exact;
  for (const probed of PROBED_EXTENSIONS) {
    const found = sourceFile(absolute + probed, fs);
    if (found) return found;
  }
  if (!fs.isDirectory(absolute)) return undefined;
  const manifest = asObject(fs.readJson(path.join(absolute, 'package.json')));
  for (const field of ['source', 'module', 'main']) {
    const target = manifest?.[field];
    if (typeof target === 'string' && target !== '' && target !== '.' && target !== './') {
      const found = resolveModulePath(path.resolve(absolute, target), fs, depth + 1);
      if (found) return found;
    }
  }
  for (const probed of PROBED_EXTENSIONS) {
    const found = sourceFile(path.join(absolute, `index${probed}`), fs);
    if (found) return found;
  }
  return undefined;
}
