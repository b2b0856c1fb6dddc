import path from 'node:path';
// The extensions the codemods and the CLI handle are the ones the index reads.
import { SUPPORTED_EXTENSIONS } from '../parse-settings';
import type { FileSystemView } from './file-system';

export const SOURCE_EXTENSIONS: readonly string[] = SUPPORTED_EXTENSIONS;
export const TYPESCRIPT_EXTENSIONS: readonly string[] = SUPPORTED_EXTENSIONS.filter((extension) => /^\.[mc]?tsx?$/.test(extension));

const DECLARATION_FILE = /\.d\.[mc]?ts$|\.d\.[^.]+\.ts$/i;

/** Folders that hold dependencies, tool state or build output, never source the rules look at. */
export const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.vercel',
  '.wrangler',
  '.cache',
  'coverage',
  'storybook-static',
]);

/** A source file the index reads: a supported extension, not a declaration file. */
export function isSourceFile(file: string, extensions: readonly string[] = SOURCE_EXTENSIONS): boolean {
  const lower = file.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension)) && !DECLARATION_FILE.test(lower);
}

/** Whether a folder below the project root is build output or tool state (by its name). */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name);
}

/** Whether a path lies inside a skipped folder below `root`. */
export function inSkippedFolder(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  if (relative.startsWith('..')) return false;
  return relative.split(path.sep).slice(0, -1).some((segment) => isSkippedFolder(segment));
}

/**
 * Files below `dir` whose folders `enter` accepts (symbolic links are not followed, so
 * there are no loops), for tsconfig globbing without `typescript`.
 */
export function walkFiles(dir: string, fs: FileSystemView, enter: (dir: string, name: string) => boolean): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const entries = fs.list(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (enter(full, entry.name)) stack.push(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  }
  return files.sort();
}
