import path from 'node:path';
import type { FileSystemView } from './file-system';
import type { ProjectPackage } from './layout';
import { mapTargets } from './package-exports';
import { resolveModulePath } from './probe';
import { inSkippedFolder } from './source-files';
import type { TsConfig } from './tsconfig';

/** Folders a package's build writes to, whose files have a source twin under `src/`. */
const OUTPUT_FOLDERS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs']);

/** `dist/index.d.ts` → `dist/index`: the path without its extension, declaration suffixes included. */
function withoutExtension(file: string): string {
  return file.replace(/\.d\.[mc]?ts$/i, '').replace(/\.[mc]?[jt]sx?$/i, '');
}

/**
 * Where the source of a built file probably is: tsconfig `outDir` → `rootDir`, and the
 * monorepo habit `dist/x.js` → `src/x.ts` (also `dist/esm/x.js` → `src/x.ts` and
 * `dist/src/x.js` → `src/x.ts`).
 */
function sourceTwins(target: string, dir: string, config: TsConfig | undefined): string[] {
  const base = withoutExtension(target);
  const twins: string[] = [];
  if (config?.outDir) {
    const relative = path.relative(config.outDir, base);
    if (!relative.startsWith('..')) twins.push(path.join(config.rootDir ?? path.join(dir, 'src'), relative));
  }
  const segments = path.relative(dir, base).split(path.sep);
  if (segments.length > 1 && OUTPUT_FOLDERS.has(segments[0]!)) {
    const rest = segments.slice(1);
    twins.push(path.join(dir, 'src', ...rest), path.join(dir, 'src', ...rest.slice(1)), path.join(dir, ...rest));
  }
  return twins;
}

/** The source file a target of a package names: itself when it is source, else its source twin. */
function sourceOf(target: string, pkg: ProjectPackage, fs: FileSystemView, config: TsConfig | undefined): string | undefined {
  const direct = resolveModulePath(target, fs);
  if (direct && !inSkippedFolder(direct, pkg.dir)) return direct;
  for (const twin of sourceTwins(target, pkg.dir, config)) {
    const found = resolveModulePath(twin, fs);
    if (found && !inSkippedFolder(found, pkg.dir)) return found;
  }
  return undefined;
}

/**
 * The source file `import 'pkg'` (subpath `.`) or `import 'pkg/x'` (`./x`) reaches in a
 * workspace package: through `exports`, else `source`/`types`/`module`/`main` (then
 * `index`, then `src/index`), each mapped from built output back to its source.
 */
export function packageEntry(pkg: ProjectPackage, subpath: string, fs: FileSystemView, config?: TsConfig): string | undefined {
  const { manifest } = pkg;
  const fields = ['source', 'types', 'typings', 'module', 'main'].map((field) => manifest[field]).filter((value): value is string => typeof value === 'string');
  const targets =
    manifest.exports !== undefined && manifest.exports !== null
      ? mapTargets(manifest.exports, subpath)
      : subpath === '.'
        ? [...fields, 'index', 'src/index']
        : [subpath, `src/${subpath.slice(2)}`];
  for (const target of targets) {
    const found = sourceOf(path.resolve(pkg.dir, target), pkg, fs, config);
    if (found) return found;
  }
  return undefined;
}

/** The source file a `#x` specifier (package.json `imports`) names in its package. */
export function packageImport(pkg: ProjectPackage, specifier: string, fs: FileSystemView, config?: TsConfig): string | undefined {
  for (const target of mapTargets(pkg.manifest.imports, specifier)) {
    // An `imports` target may also be a bare package name; only paths lead into the project.
    if (!target.startsWith('./')) continue;
    const found = sourceOf(path.resolve(pkg.dir, target), pkg, fs, config);
    if (found) return found;
  }
  return undefined;
}
