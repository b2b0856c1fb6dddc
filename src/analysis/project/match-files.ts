import path from 'node:path';
import type { FileSystemView } from './file-system';
import { globToRegExp, hasWildcard, literalBase, toSlashes } from './globs';
import { walkFiles } from './source-files';

/** tsconfig `include` semantics: a last segment without a wildcard or a dot names a folder. */
function includePattern(pattern: string): string {
  const slashed = toSlashes(pattern);
  const last = slashed.slice(slashed.lastIndexOf('/') + 1);
  return /[.*?]/.test(last) ? slashed : `${slashed}/**/*`;
}

/**
 * The files tsconfig `include` patterns take and `exclude` patterns leave (both relative to
 * `basePath` or absolute), with one of `extensions`, as TypeScript's own matching does:
 * `node_modules` and dot-folders are entered only when named. Folder listings come from
 * `fs`, so the configs of a monorepo list each folder once. This is also TypeScript's
 * `readDirectory` when it reads a config for us.
 */
export function matchFiles(basePath: string, include: readonly string[], exclude: readonly string[], extensions: readonly string[], fs: FileSystemView): string[] {
  const absolute = (pattern: string) => path.resolve(basePath, pattern);
  const includes = include.map((pattern) => includePattern(absolute(pattern)));
  const includeRegExps = includes.map((pattern) => globToRegExp(pattern));
  const excludeRegExps = exclude.map((pattern) => globToRegExp(toSlashes(absolute(pattern)), true));
  const excluded = (file: string) => excludeRegExps.some((regexp) => regexp.test(toSlashes(file)));
  const enter = (folder: string, name: string) => name !== 'node_modules' && !name.startsWith('.') && !excluded(folder);
  const found = new Set<string>();
  const take = (file: string) => {
    const lower = file.toLowerCase();
    if (extensions.some((extension) => lower.endsWith(extension)) && !excluded(file)) found.add(file);
  };
  // A pattern without wildcards that names a file takes that file.
  for (const pattern of includes) if (!hasWildcard(pattern) && fs.isFile(pattern)) take(path.resolve(pattern));
  for (const base of new Set(includes.filter((pattern) => hasWildcard(pattern)).map((pattern) => literalBase(pattern)))) {
    for (const file of walkFiles(path.resolve(base), fs, enter)) {
      if (includeRegExps.some((regexp) => regexp.test(toSlashes(file)))) take(file);
    }
  }
  return [...found].sort();
}
