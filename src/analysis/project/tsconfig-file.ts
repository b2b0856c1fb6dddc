import path from 'node:path';
import type { FileSystemView } from './file-system';

/** What the index needs from a tsconfig, with its `extends` chain applied. Paths are absolute. */
export interface TsConfig {
  file: string;
  /** The config file and every file its `extends` chain read: a change to any of them changes the config. */
  sources: string[];
  /** The source files it includes (declaration files left out). */
  files: string[];
  paths?: Record<string, string[]>;
  /** What `paths` targets are relative to: `baseUrl`, else the folder of the config that sets `paths`. */
  pathsBase?: string;
  baseUrl?: string;
  outDir?: string;
  rootDir?: string;
  /** Referenced configs (`references`), as tsconfig file paths. */
  references: string[];
}

/** The tsconfig file a `references` entry or `extends` path names: a file, or a folder's `tsconfig.json`. */
export function configFileFor(target: string, fs: FileSystemView): string {
  return fs.isDirectory(target) ? path.join(target, 'tsconfig.json') : target;
}
