import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProgramIndex } from '../program';

const packageTypes = new Map<string, boolean>();

/** Whether the nearest package.json above `dir` says `"type": "module"` (cached per folder). */
function inModulePackage(dir: string): boolean {
  const cached = packageTypes.get(dir);
  if (cached !== undefined) return cached;
  let result = false;
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      result = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      result = false;
    }
  } else if (dirname(dir) !== dir) {
    result = inModulePackage(dirname(dir));
  }
  packageTypes.set(dir, result);
  return result;
}

/**
 * The one CommonJS decision: whether a new import in this file is a `require`. `.cjs` files;
 * files that use `require` / `module.exports` and no ESM syntax; and `.js`/`.jsx` files with
 * neither outside a `"type": "module"` package (Node runs those as CommonJS). `.mjs`/`.mts`
 * files and anything with `import`/`export` get an `import` (TypeScript compiles it as needed).
 */
export function isCommonJSFile(filename: string, index: ProgramIndex): boolean {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.cjs')) return true;
  if (/\.m[jt]s$/.test(lower) || index.hasModuleSyntax) return false;
  if (index.hasCommonJSSyntax) return true;
  return /\.jsx?$/.test(lower) && !inModulePackage(dirname(resolve(filename)));
}
