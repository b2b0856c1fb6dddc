import path from 'node:path';
import { DiskCache, defaultCacheDirectory } from './disk-cache';
import { FileSystemView } from './file-system';
import { findProjectRoot } from './layout';
import { type TypeScriptModule, loadTypeScript } from './optional-modules';
import { ProjectIndex } from './project-index';
import { RecordStore } from './record-store';
import { stampsCurrent } from './stamps';
import type { Summarizer } from './summary';

export interface ProjectIndexOptions {
  /**
   * The `typescript` module to read tsconfig files with and to parse TypeScript; `null` reads
   * as if it were not installed (a JSONC reader, espree for JavaScript only). Default: the
   * installed one, if any.
   */
  typescript?: TypeScriptModule | null;
  /** Where module records are kept on disk; `false`: nowhere. Default: `node_modules/.cache/eslint-plugin-taskgroup` of the root. */
  cacheDirectory?: string | false;
  /**
   * How long (ms) an index is used as it is before the disk is looked at again. After that,
   * unchanged folders and configuration files keep the layout, file list and resolutions,
   * and each file is checked by modification time and size. Default: 1000.
   */
  maxAge?: number;
  /** Adds each module's functions, calls and background entries to its record (cross-module propagation needs them). */
  summarizer?: Summarizer;
}

interface State {
  index: ProjectIndex;
  store: RecordStore;
  checkedAt: number;
}

const states = new Map<string, State>();
const roots = new Map<string, { root: string; at: number }>();

/**
 * The index of the project a file belongs to, built once and kept in memory for the process
 * (every file ESLint lints in one run shares it; an editor's long-lived ESLint sees changes
 * after `maxAge`). Records also go to the disk cache, so the next run starts warm.
 */
export function projectIndexFor(file: string, options: ProjectIndexOptions = {}): ProjectIndex {
  const now = Date.now();
  const maxAge = options.maxAge ?? 1000;
  const typescript = options.typescript === undefined ? loadTypeScript() : options.typescript;
  const dir = path.dirname(path.resolve(file));
  let found = roots.get(dir);
  if (!found || now - found.at > maxAge) {
    found = { root: findProjectRoot(file, new FileSystemView()), at: now };
    roots.set(dir, found);
  }
  const root = found.root;
  const key = [root, typescript ? 'typescript' : 'javascript', options.cacheDirectory ?? '', options.summarizer?.key ?? ''].join('\0');
  const state = states.get(key);
  if (state && now - state.checkedAt <= maxAge) return state.index;
  if (state && stampsCurrent(state.index.stamps)) {
    state.index.forgetRecords();
    state.checkedAt = now;
    return state.index;
  }
  const cacheDirectory = options.cacheDirectory ?? defaultCacheDirectory(root);
  const store = state?.store ?? new RecordStore(typescript ? 'typescript-estree' : 'espree', cacheDirectory === false ? undefined : new DiskCache(cacheDirectory), options.summarizer);
  const index = new ProjectIndex(root, store, typescript);
  states.set(key, { index, store, checkedAt: now });
  return index;
}

/** Drops every index kept in memory (tests; a tool that knows the files changed). */
export function clearProjectIndexes(): void {
  states.clear();
  roots.clear();
}
