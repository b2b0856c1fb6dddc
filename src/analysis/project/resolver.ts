import path from 'node:path';
import type { FileSystemView } from './file-system';
import type { ProjectLayout, ProjectPackage } from './layout';
import type { TypeScriptModule } from './optional-modules';
import { packageEntry, packageImport } from './package-entry';
import { resolveModulePath } from './probe';
import { type TsConfig, readTsConfig } from './tsconfig';

/** The `paths` pattern TypeScript picks for a specifier: an exact key, else the `*` pattern with the longest prefix. */
export function matchPaths(paths: Record<string, string[]>, specifier: string): string[] {
  if (Object.hasOwn(paths, specifier) && !specifier.includes('*')) return paths[specifier]!;
  let best: { prefix: string; captured: string; targets: string[] } | undefined;
  for (const [pattern, targets] of Object.entries(paths)) {
    const star = pattern.indexOf('*');
    if (star < 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix) && (!best || prefix.length > best.prefix.length)) {
      best = { prefix, captured: specifier.slice(prefix.length, specifier.length - suffix.length), targets };
    }
  }
  return best ? best.targets.map((target) => target.replace('*', best.captured)) : [];
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier);
}

/** A workspace package name and the subpath below it: `@acme/util/x` → `@acme/util`, `./x`. */
function splitPackageSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(length).join('/');
  return { name: parts.slice(0, length).join('/'), subpath: rest ? `./${rest}` : '.' };
}

/**
 * Resolves module specifiers to the project's source files: relative paths, tsconfig
 * `paths` and `baseUrl` (of the config that governs the importing file), package.json
 * `imports` (`#x`) and workspace packages. npm packages, Node built-ins and whatever is not
 * found resolve to `undefined`; node_modules is never read.
 */
export class ModuleResolver {
  private readonly memo = new Map<string, string | null>();
  private readonly packagesByName = new Map<string, ProjectPackage>();
  private readonly nearestConfigs = new Map<string, TsConfig | null>();

  constructor(
    private readonly layout: ProjectLayout,
    private readonly configOf: ReadonlyMap<string, TsConfig>,
    private readonly fs: FileSystemView,
    private readonly typescript: TypeScriptModule | null,
  ) {
    for (const pkg of layout.packages) if (pkg.name && !this.packagesByName.has(pkg.name)) this.packagesByName.set(pkg.name, pkg);
  }

  /** The tsconfig that governs a file: the one the file set found for it, else the nearest tsconfig.json up to the root. */
  configFor(file: string): TsConfig | undefined {
    const listed = this.configOf.get(file);
    if (listed) return listed;
    const dir = path.dirname(file);
    let config = this.nearestConfigs.get(dir);
    if (config === undefined) {
      const found = this.fs.findUp(dir, 'tsconfig.json', this.layout.root);
      config = (found && readTsConfig(path.join(found, 'tsconfig.json'), this.fs, this.typescript)) || null;
      this.nearestConfigs.set(dir, config);
    }
    return config ?? undefined;
  }

  /** The package (the deepest package folder) a file belongs to. */
  packageOf(file: string): ProjectPackage | undefined {
    let best: ProjectPackage | undefined;
    for (const pkg of this.layout.packages) {
      if (file.startsWith(pkg.dir + path.sep) && (!best || pkg.dir.length > best.dir.length)) best = pkg;
    }
    return best;
  }

  /** The source file `specifier` denotes when imported from `from`, or `undefined`. */
  resolve(specifier: string, from: string): string | undefined {
    if (isRelative(specifier)) return this.memoized(`${path.dirname(from)}\0${specifier}`, () => resolveModulePath(path.resolve(path.dirname(from), specifier), this.fs));
    if (specifier.startsWith('#')) {
      const pkg = this.packageOf(from);
      return pkg && this.memoized(`${pkg.dir}\0${specifier}`, () => packageImport(pkg, specifier, this.fs, this.packageConfig(pkg)));
    }
    if (specifier.startsWith('node:')) return undefined;
    const config = this.configFor(from);
    return this.memoized(`${config?.file ?? ''}\0${specifier}`, () => this.resolveBare(specifier, config));
  }

  private resolveBare(specifier: string, config: TsConfig | undefined): string | undefined {
    if (config?.paths && config.pathsBase) {
      for (const target of matchPaths(config.paths, specifier)) {
        const found = resolveModulePath(path.resolve(config.pathsBase, target), this.fs);
        if (found) return found;
      }
    }
    if (config?.baseUrl) {
      const found = resolveModulePath(path.resolve(config.baseUrl, specifier), this.fs);
      if (found) return found;
    }
    const { name, subpath } = splitPackageSpecifier(specifier);
    const pkg = this.packagesByName.get(name);
    return pkg && packageEntry(pkg, subpath, this.fs, this.packageConfig(pkg));
  }

  /** The tsconfig nearest to a package's folder (its `outDir` → `rootDir` maps built entry points back to source). */
  private packageConfig(pkg: ProjectPackage): TsConfig | undefined {
    return this.configFor(path.join(pkg.dir, 'package.json'));
  }

  private memoized(key: string, compute: () => string | undefined): string | undefined {
    let result = this.memo.get(key);
    if (result === undefined) {
      result = compute() ?? null;
      this.memo.set(key, result);
    }
    return result ?? undefined;
  }
}
