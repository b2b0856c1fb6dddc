import path from 'node:path';
import { type FileSystemView, asObject } from './file-system';
import { globToRegExp, hasWildcard, literalBase, toSlashes } from './globs';
import { isSkippedFolder } from './source-files';

/**
 * The `packages:` list of a `pnpm-workspace.yaml` (the only part we need, so no YAML library):
 * block items (`- 'apps/*'`) and a flow list (`packages: [a, b]`).
 */
export function pnpmWorkspacePatterns(text: string): string[] {
  const unquote = (item: string) => item.trim().replace(/^(['"])(.*)\1$/, '$2');
  const lines = text.split(/\r?\n/).map((line) => line.replace(/(^|\s)#.*$/, ''));
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return [];
  const inline = lines[start]!.replace(/^packages\s*:/, '').trim();
  if (inline.startsWith('[')) return inline.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean);
  const patterns: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const item = /^\s*-\s*(.+)$/.exec(line);
    if (item) patterns.push(unquote(item[1]!));
  }
  return patterns;
}

/** The workspace package patterns a folder declares (`workspaces` in package.json, `pnpm-workspace.yaml`, `lerna.json`), if any. */
export function workspacePatterns(dir: string, fs: FileSystemView): string[] | undefined {
  const manifest = asObject(fs.readJson(path.join(dir, 'package.json')));
  const workspaces = manifest?.workspaces;
  const fromManifest = Array.isArray(workspaces) ? workspaces : asObject(workspaces)?.packages;
  if (Array.isArray(fromManifest)) return fromManifest.filter((item): item is string => typeof item === 'string');
  const pnpm = fs.readText(path.join(dir, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) return pnpmWorkspacePatterns(pnpm);
  const lerna = asObject(fs.readJson(path.join(dir, 'lerna.json')))?.packages;
  return Array.isArray(lerna) ? lerna.filter((item): item is string => typeof item === 'string') : undefined;
}

const MAX_PATTERN_DEPTH = 6;

/** The package folders (holding a package.json) that workspace patterns name; `!pattern` leaves folders out. */
export function expandWorkspacePatterns(root: string, patterns: readonly string[], fs: FileSystemView): string[] {
  const included = patterns.filter((pattern) => !pattern.startsWith('!'));
  const excluded = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => globToRegExp(toSlashes(path.resolve(root, pattern.slice(1)))));
  const found = new Set<string>();
  for (const pattern of included) {
    const absolute = toSlashes(path.resolve(root, pattern.replace(/\/+$/, '')));
    if (!hasWildcard(absolute)) {
      found.add(path.resolve(root, pattern));
      continue;
    }
    const matcher = globToRegExp(absolute);
    const base = literalBase(absolute);
    const depth = absolute.includes('**') ? MAX_PATTERN_DEPTH : absolute.split('/').length - base.split('/').length;
    const stack: [string, number][] = [[path.resolve(base), 0]];
    while (stack.length > 0) {
      const [dir, level] = stack.pop()!;
      for (const entry of fs.list(dir)) {
        if (!entry.isDirectory() || entry.name.startsWith('.') || isSkippedFolder(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (matcher.test(toSlashes(full))) found.add(full);
        if (level + 1 < depth) stack.push([full, level + 1]);
      }
    }
  }
  return [...found]
    .filter((dir) => fs.isFile(path.join(dir, 'package.json')) && !excluded.some((regexp) => regexp.test(toSlashes(dir))))
    .sort();
}
