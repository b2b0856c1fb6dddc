import path from 'node:path';
import { type FileSystemView, asObject } from './file-system';
import { expandWorkspacePatterns, workspacePatterns } from './workspaces';

/** A package of the project: the root's own, or a workspace package. */
export interface ProjectPackage {
  name?: string;
  dir: string;
  manifest: Record<string, unknown>;
}

/** Where a project lies: its root (the workspace root, or the package root) and its packages. */
export interface ProjectLayout {
  root: string;
  /** The root's own package first (when it has a package.json), then the workspace packages by folder. */
  packages: ProjectPackage[];
}

function readPackage(dir: string, fs: FileSystemView): ProjectPackage | undefined {
  const manifest = asObject(fs.readJson(path.join(dir, 'package.json')));
  if (!manifest) return undefined;
  return { ...(typeof manifest.name === 'string' ? { name: manifest.name } : {}), dir, manifest };
}

/** What marks the top of a checkout that has no package.json of its own: its repository, its ESLint config. */
const CHECKOUT_MARKERS = ['.git', 'eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * The root of the project a file belongs to: the nearest workspace root above it whose
 * packages include the file's package (npm/yarn `workspaces`, `pnpm-workspace.yaml`,
 * `lerna.json`), else the nearest folder with a package.json, else the nearest with a
 * tsconfig.json, else the file's folder. Never inside `node_modules`, and never above the
 * top of the file's checkout (a `.git` or an ESLint flat config nearer than any package.json:
 * a repository that keeps its package.json elsewhere, as NodeBB does in `install/`, is not part
 * of whatever package encloses it).
 */
export function findProjectRoot(file: string, fs: FileSystemView): string {
  const start = path.dirname(path.resolve(file));
  // Inside node_modules, the package's own folder is as far up as we go.
  const segments = start.split(path.sep);
  const nodeModules = segments.lastIndexOf('node_modules');
  const packageEnd = nodeModules < 0 ? 0 : nodeModules + (segments[nodeModules + 1]?.startsWith('@') ? 3 : 2);
  const stop = nodeModules < 0 ? undefined : segments.slice(0, packageEnd).join(path.sep);
  const packageDir = fs.findUp(start, 'package.json', stop);
  const checkout = fs.findUp(start, CHECKOUT_MARKERS, stop);
  if (checkout && (!packageDir || checkout.length > packageDir.length)) return checkout;
  if (packageDir) {
    for (let dir = packageDir; ; dir = path.dirname(dir)) {
      const patterns = workspacePatterns(dir, fs);
      if (patterns && (dir === packageDir || expandWorkspacePatterns(dir, patterns, fs).includes(packageDir))) return dir;
      if (dir === stop || path.dirname(dir) === dir) break;
    }
    return packageDir;
  }
  return fs.findUp(start, 'tsconfig.json', stop) ?? start;
}

/** The packages below a project root. */
export function readLayout(root: string, fs: FileSystemView): ProjectLayout {
  const packages: ProjectPackage[] = [];
  const own = readPackage(root, fs);
  if (own) packages.push(own);
  const patterns = workspacePatterns(root, fs) ?? [];
  for (const dir of expandWorkspacePatterns(root, patterns, fs)) {
    if (dir === root) continue;
    const found = readPackage(dir, fs);
    if (found) packages.push(found);
  }
  return { root, packages };
}
