import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMBINATORS, type Combinator } from '../../analysis/combinators.js';
import { DEFAULT_CROSS_MODULE_DEPTH } from '../../analysis/cross/far-context.js';
import { DEFAULT_HELPER_MODULE, type TaskGroupSettings } from '../../analysis/settings.js';

/**
 * The codemods' options, as jscodeshift passes them (`--everywhere=true --combinators=all,race
 * --helperModule=#lib/tasks`) or as the CLI does: the shared settings (`settings.taskgroup`
 * names; `helper` is the contract's CLI name for `helperModule`) and the CLI's channels.
 */
export interface CodemodOptions {
  everywhere: boolean;
  combinators: Combinator[] | undefined;
  backgroundFunctions: string[];
  backgroundDecorators: string[];
  /** Module boundaries a chain from a background handler may cross (`crossModuleDepth`; 0: each file alone). */
  crossModuleDepth: number;
  /** Import specifier of the TaskGroup runtime (`helperModule`). */
  helperModule: string;
  /** Absolute path of a vendored runtime (without extension): imported relatively from each file instead of `helperModule`. */
  vendor: string | undefined;
  /** A file the transform appends one JSON line per file to (the CLI's summary channel across workers). */
  reportFile: string | undefined;
  /** A folder the transform writes each changed file's new source to (named by `outputName`): the CLI's `--dry` diff and `--print`. */
  outputDir: string | undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return [];
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

function depth(value: unknown): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`crossModuleDepth expects a whole number (0 or more), got "${String(value)}"`);
  return number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads the codemod options out of jscodeshift's options object, over `settings` (the file's
 * `settings.taskgroup` from the project's ESLint config): an option given wins, a setting
 * fills what is not given. Throws on an unknown combinator.
 */
export function readOptions(raw: Record<string, unknown>, settings: TaskGroupSettings = {}): CodemodOptions {
  const combinators = raw.combinators === undefined ? undefined : list(raw.combinators);
  for (const name of combinators ?? []) {
    if (!COMBINATORS.includes(name as Combinator)) throw new Error(`Unknown combinator "${name}" (expected ${COMBINATORS.join(', ')})`);
  }
  return {
    everywhere: raw.everywhere === undefined ? (settings.everywhere ?? false) : flag(raw.everywhere),
    combinators: combinators as Combinator[] | undefined,
    backgroundFunctions: raw.backgroundFunctions === undefined ? [...(settings.backgroundFunctions ?? [])] : list(raw.backgroundFunctions),
    backgroundDecorators: raw.backgroundDecorators === undefined ? [...(settings.backgroundDecorators ?? [])] : list(raw.backgroundDecorators),
    crossModuleDepth: raw.crossModuleDepth === undefined ? (settings.crossModuleDepth ?? DEFAULT_CROSS_MODULE_DEPTH) : depth(raw.crossModuleDepth),
    helperModule: text(raw.helperModule) ?? text(raw.helper) ?? settings.helperModule ?? DEFAULT_HELPER_MODULE,
    vendor: text(raw.vendor),
    reportFile: text(raw.reportFile),
    outputDir: text(raw.outputDir),
  };
}

const settingsFiles = new Map<string, Record<string, TaskGroupSettings>>();

/** A file's settings from the CLI's settings file (read once per worker process): `{}` when it has none. */
export function fileSettings(raw: Record<string, unknown>, filePath: string): TaskGroupSettings {
  const settingsFile = text(raw.settingsFile);
  if (!settingsFile) return {};
  let byFile = settingsFiles.get(settingsFile);
  if (!byFile) {
    byFile = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, TaskGroupSettings>;
    settingsFiles.set(settingsFile, byFile);
  }
  return byFile[path.resolve(filePath)] ?? {};
}

/** The import specifier of the runtime for one file: `helperModule`, or a relative path to the vendored copy. */
export function helperSpecifier(filePath: string, options: CodemodOptions): string {
  if (!options.vendor) return options.helperModule;
  let relative = path.relative(path.dirname(path.resolve(filePath)), options.vendor).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return `${relative}.js`;
}

/** The file name under `outputDir` for a source file's new text. */
export function outputName(filePath: string): string {
  return `${createHash('sha1').update(filePath).digest('hex')}.out`;
}
