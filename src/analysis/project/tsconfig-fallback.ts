import path from 'node:path';
import { type FileSystemView, asObject } from './file-system';
import { matchFiles } from './match-files';
import { SOURCE_EXTENSIONS, TYPESCRIPT_EXTENSIONS, isSourceFile } from './source-files';
import { type TsConfig, configFileFor } from './tsconfig-file';

/** A config's settings after its `extends` chain, each path already made absolute against the config that wrote it. */
interface Merged {
  options: Record<string, unknown>;
  /** `include` / `exclude` / `files`, absolute, from the nearest config in the chain that sets each. */
  include?: string[];
  exclude?: string[];
  files?: string[];
  pathsDir?: string;
  /** The config files read, the config itself first. */
  sources: string[];
}

const PATH_OPTIONS = ['baseUrl', 'outDir', 'rootDir'] as const;
const DEFAULT_EXCLUDES = ['node_modules', 'bower_components', 'jspm_packages'];

/** Where an `extends` entry leads: a relative path, or a file of a package in `node_modules` (TypeScript looks there too). */
function extendsTarget(specifier: string, from: string, fs: FileSystemView): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const target = path.resolve(path.dirname(from), specifier);
    if (fs.isFile(target)) return target;
    return fs.isFile(`${target}.json`) ? `${target}.json` : configFileFor(target, fs);
  }
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', specifier);
    for (const file of [candidate, `${candidate}.json`, path.join(candidate, 'tsconfig.json')]) if (fs.isFile(file)) return file;
    const manifest = asObject(fs.readJson(path.join(candidate, 'package.json')));
    if (typeof manifest?.tsconfig === 'string') return path.join(candidate, manifest.tsconfig);
    if (path.dirname(dir) === dir) return undefined;
  }
}

function absoluteList(value: unknown, dir: string): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').map((item) => path.resolve(dir, item)) : undefined;
}

function readMerged(file: string, fs: FileSystemView, seen: Set<string>): Merged | undefined {
  if (seen.has(file)) {
    fs.problems.push({ file, message: 'circular `extends`' });
    return undefined;
  }
  seen.add(file);
  const raw = fs.readJson(file);
  const config = asObject(raw);
  if (!config) {
    if (raw === undefined && !fs.problems.some((problem) => problem.file === file)) fs.problems.push({ file, message: 'not found' });
    return undefined;
  }
  const dir = path.dirname(file);
  let merged: Merged = { options: {}, sources: [file] };
  const bases = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    const target = extendsTarget(base, file, fs);
    const parent = target && readMerged(target, fs, new Set(seen));
    if (!target) fs.problems.push({ file, message: `cannot find the config it extends: ${base}` });
    if (parent) merged = { ...merged, ...parent, options: { ...merged.options, ...parent.options }, sources: [...merged.sources, ...parent.sources] };
  }
  const options = { ...(asObject(config.compilerOptions) ?? {}) };
  for (const key of PATH_OPTIONS) if (typeof options[key] === 'string') options[key] = path.resolve(dir, options[key] as string);
  if (options.paths) merged.pathsDir = dir;
  merged.options = { ...merged.options, ...options };
  const include = absoluteList(config.include, dir);
  const exclude = absoluteList(config.exclude, dir);
  const files = absoluteList(config.files, dir);
  return { ...merged, ...(include ? { include } : {}), ...(exclude ? { exclude } : {}), ...(files ? { files } : {}) };
}

function listFiles(merged: Merged, dir: string, fs: FileSystemView): string[] {
  const extensions = merged.options.allowJs === true ? SOURCE_EXTENSIONS : TYPESCRIPT_EXTENSIONS;
  const listed = (merged.files ?? []).filter((file) => fs.isFile(file) && isSourceFile(file, extensions));
  const include = merged.include ?? (merged.files ? [] : [path.join(dir, '**/*')]);
  const outDir = typeof merged.options.outDir === 'string' ? [merged.options.outDir] : [];
  const exclude = merged.exclude ?? [...DEFAULT_EXCLUDES.map((name) => path.join(dir, name)), ...outDir];
  const matched = matchFiles(dir, include, exclude, extensions, fs).filter((file) => isSourceFile(file, extensions));
  return [...new Set([...listed, ...matched])].sort();
}

/** A tsconfig read without `typescript`: JSONC, `extends` (relative, package, array), include/exclude/files. */
export function readTsConfigWithoutTypeScript(file: string, fs: FileSystemView): TsConfig | undefined {
  const merged = readMerged(file, fs, new Set());
  if (!merged) return undefined;
  const dir = path.dirname(file);
  const { baseUrl, outDir, rootDir, paths } = merged.options as { baseUrl?: string; outDir?: string; rootDir?: string; paths?: unknown };
  const pathMap = asObject(paths) as Record<string, string[]> | undefined;
  const references = (asObject(fs.readJson(file))?.references as unknown[] | undefined) ?? [];
  return {
    file,
    sources: merged.sources,
    files: listFiles(merged, dir, fs),
    ...(pathMap ? { paths: pathMap, pathsBase: baseUrl ?? merged.pathsDir ?? dir } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(outDir ? { outDir } : {}),
    ...(rootDir ? { rootDir } : {}),
    references: references.flatMap((reference) => {
      const target = asObject(reference)?.path;
      return typeof target === 'string' ? [configFileFor(path.resolve(dir, target), fs)] : [];
    }),
  };
}
