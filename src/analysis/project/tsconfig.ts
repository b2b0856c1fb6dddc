import path from 'node:path';
import type { FileSystemView } from './file-system';
import type * as TypeScript from 'typescript';
import type { TypeScriptModule } from './optional-modules';
import { matchFiles } from './match-files';
import { isSourceFile } from './source-files';
import { readTsConfigWithoutTypeScript } from './tsconfig-fallback';
import { type TsConfig, configFileFor } from './tsconfig-file';

export type { TsConfig };

// Diagnostics that say nothing about what we read: no inputs (a solution-style config),
// deprecated options (TypeScript 6 warns about `baseUrl` and friends).
const IGNORED_DIAGNOSTICS = new Set([18003, 5101, 5102, 5107, 5108, 5110]);

function readWithTypeScript(file: string, ts: TypeScriptModule, fs: FileSystemView): TsConfig | undefined {
  const source = ts.readJsonConfigFile(file, ts.sys.readFile);
  // TypeScript's reading, with our listing of folders (shared by every config of the project).
  const host: TypeScript.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: (basePath, extensions, excludes, includes) => matchFiles(basePath, includes, excludes ?? [], extensions, fs),
  };
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, host, path.dirname(file), undefined, file);
  const unreadable = (source as { parseDiagnostics?: readonly TypeScript.Diagnostic[] }).parseDiagnostics ?? [];
  if (unreadable.length > 0 || !ts.sys.fileExists(file)) {
    fs.problems.push({ file, message: unreadable.length > 0 ? ts.flattenDiagnosticMessageText(unreadable[0]!.messageText, ' ') : 'not found' });
    return undefined;
  }
  for (const error of parsed.errors) {
    if (!IGNORED_DIAGNOSTICS.has(error.code)) fs.problems.push({ file, message: ts.flattenDiagnosticMessageText(error.messageText, ' ') });
  }
  const options = parsed.options;
  // `pathsBasePath` is how TypeScript itself remembers where `paths` were written.
  const pathsBase = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? path.dirname(file);
  return {
    file,
    sources: [file, ...(source.extendedSourceFiles ?? []).map((extended) => path.resolve(extended))],
    files: parsed.fileNames.map((name) => path.resolve(name)).filter((name) => isSourceFile(name)).sort(),
    ...(options.paths ? { paths: options.paths as Record<string, string[]>, pathsBase: path.resolve(pathsBase) } : {}),
    ...(options.baseUrl ? { baseUrl: path.resolve(options.baseUrl) } : {}),
    ...(options.outDir ? { outDir: path.resolve(options.outDir) } : {}),
    ...(options.rootDir ? { rootDir: path.resolve(options.rootDir) } : {}),
    references: (parsed.projectReferences ?? []).map((reference) => configFileFor(path.resolve(reference.path), fs)),
  };
}

/**
 * Reads a tsconfig and its `extends` chain: with `typescript` when it is installed (its own
 * reading, file list included), else with a JSONC reader and include/exclude globbing.
 * `undefined` (with the reason in `fs.problems`) when it cannot be read.
 */
export function readTsConfig(file: string, fs: FileSystemView, typescript: TypeScriptModule | null): TsConfig | undefined {
  return typescript ? readWithTypeScript(file, typescript, fs) : readTsConfigWithoutTypeScript(file, fs);
}
