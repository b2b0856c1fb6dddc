import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_HELPER_MODULE as DEFAULT_HELPER } from '../analysis/settings.js';
import { findUp } from './util.js';

const PACKAGE = 'eslint-plugin-taskgroup';

/**
 * Where the rewritten files import the TaskGroup runtime from: a module specifier, or a
 * folder the runtime is copied into (imported relatively).
 */
export type RuntimeChoice =
  | { kind: 'import'; helper: string; reason: string }
  | { kind: 'vendor'; dir: string; explicit: boolean; reason: string };

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The deepest folder that holds every file (the folder itself for one file). */
export function commonFolder(files: readonly string[]): string {
  const [first, ...rest] = files.map((file) => path.dirname(path.resolve(file)).split(path.sep));
  if (first === undefined) return process.cwd();
  let length = first.length;
  for (const parts of rest) {
    let same = 0;
    while (same < Math.min(length, parts.length) && parts[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}

/**
 * Decides where the migrated files get the runtime from, so that a migrated project runs in a
 * production install (`npm ci --omit=dev`) without the user having to know:
 * - `--helper` / `--vendor` decide when given, then a `helperModule` in `settings.taskgroup`
 *   of the project's ESLint config (each file keeps its own setting);
 * - the package, when the project's package.json lists it in `dependencies` (or the project
 *   is this package);
 * - otherwise a copy of the runtime beside the migrated files (their common folder): as a
 *   devDependency, or not listed at all, the package is not there in production, and making
 *   it a dependency would bring ESLint's and jscodeshift's trees into production;
 * - the package when no package.json is found (nothing tells how it is installed).
 */
export function chooseRuntime(
  options: { helper?: string; vendor?: string; settingsHelper?: string },
  files: readonly string[],
  cwd = process.cwd(),
): RuntimeChoice {
  if (options.helper !== undefined) return { kind: 'import', helper: options.helper, reason: `files import ${options.helper} (--helper)` };
  if (options.vendor !== undefined) {
    const dir = path.resolve(cwd, options.vendor);
    return { kind: 'vendor', dir, explicit: true, reason: `files import a copy of the runtime in ${shown(dir, cwd)} (--vendor)` };
  }
  if (options.settingsHelper !== undefined) {
    return { kind: 'import', helper: options.settingsHelper, reason: `files import ${options.settingsHelper} (settings.taskgroup.helperModule)` };
  }
  const folder = commonFolder(files);
  const manifestFile = findUp(folder, 'package.json');
  const manifest = manifestFile === undefined ? undefined : readManifest(manifestFile);
  if (manifestFile === undefined || manifest === undefined) {
    return {
      kind: 'import',
      helper: DEFAULT_HELPER,
      reason: `files import ${DEFAULT_HELPER} (no package.json found: add ${PACKAGE} to its "dependencies", or use --vendor <dir> to copy the runtime)`,
    };
  }
  const where = shown(manifestFile, cwd);
  if (manifest.name === PACKAGE) return { kind: 'import', helper: DEFAULT_HELPER, reason: `files import ${DEFAULT_HELPER} (this package itself)` };
  if (manifest.dependencies?.[PACKAGE] !== undefined) {
    return { kind: 'import', helper: DEFAULT_HELPER, reason: `files import ${DEFAULT_HELPER} (a dependency in ${where})` };
  }
  const status = manifest.devDependencies?.[PACKAGE] !== undefined ? 'only a devDependency' : 'not a dependency';
  return {
    kind: 'vendor',
    dir: folder,
    explicit: false,
    reason:
      `${PACKAGE} is ${status} in ${where}, and production installs omit dev dependencies: ` +
      `files import a copy of the runtime in ${shown(folder, cwd)} ` +
      `(--vendor <dir> picks another folder; --helper ${DEFAULT_HELPER} imports the package, once it is in "dependencies")`,
  };
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}
