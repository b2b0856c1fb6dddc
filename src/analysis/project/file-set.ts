import path from 'node:path';
// The CLI's discovery (`.gitignore` honoured), shared.
import { discoverFiles } from '../source-discovery';
import type { FileSystemView } from './file-system';
import type { ProjectLayout } from './layout';
import type { TypeScriptModule } from './optional-modules';
import { inSkippedFolder, isSkippedFolder } from './source-files';
import { type TsConfig, readTsConfig } from './tsconfig';

/** The files of a project, and the tsconfig that governs each (for `paths`). */
export interface FileSet {
  files: string[];
  /** The deepest tsconfig that lists a file. */
  configOf: Map<string, TsConfig>;
  configs: TsConfig[];
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A config and the configs it references, transitively (each once). */
function configTree(file: string, fs: FileSystemView, typescript: TypeScriptModule | null, seen: Map<string, TsConfig | undefined>): TsConfig[] {
  if (seen.has(file)) return [];
  const config = fs.isFile(file) ? readTsConfig(file, fs, typescript) : undefined;
  seen.set(file, config);
  if (!config) return [];
  return [config, ...config.references.flatMap((reference) => configTree(reference, fs, typescript, seen))];
}

/**
 * The project's files: for the root and each workspace package, the files of its
 * tsconfig.json (and the configs it references) when it has one, else its source files
 * (`.gitignore` honoured; `node_modules`, declaration files and build output such as
 * `dist`, `build`, `.next` left out; other packages' folders left to them).
 */
export function collectFileSet(layout: ProjectLayout, fs: FileSystemView, typescript: TypeScriptModule | null): FileSet {
  const dirs = [...new Set([layout.root, ...layout.packages.map((pkg) => pkg.dir)])].sort((a, b) => a.length - b.length);
  const files = new Set<string>();
  const configOf = new Map<string, TsConfig>();
  const seen = new Map<string, TsConfig | undefined>();
  const configs: TsConfig[] = [];
  for (const dir of dirs) {
    const tree = configTree(path.join(dir, 'tsconfig.json'), fs, typescript, seen);
    configs.push(...tree);
    const listed = tree.flatMap((config) => config.files.map((file) => [file, config] as const));
    for (const [file, config] of listed) {
      if (inSkippedFolder(file, dir)) continue;
      files.add(file);
      const current = configOf.get(file);
      if (!current || path.dirname(config.file).length >= path.dirname(current.file).length) configOf.set(file, config);
    }
    if (listed.length > 0) continue;
    const others = new Set(dirs.filter((other) => other !== dir && isInside(other, dir)));
    // Build output and other packages' folders are not walked at all (their files would be dropped).
    const discovery = discoverFiles([dir], undefined, { skipFolder: (folder, name) => isSkippedFolder(name) || others.has(folder) });
    for (const failure of discovery.failed) fs.problems.push({ file: failure.file, message: failure.error });
    for (const file of discovery.files) files.add(file);
  }
  return { files: [...files].sort(), configOf, configs };
}
