import { createHash } from 'node:crypto';
import path from 'node:path';
import { COMBINATORS, type Combinator } from '../../analysis/combinators.js';
import { DEFAULT_HELPER_MODULE } from '../../analysis/settings.js';

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
  /** Import specifier of the TaskGroup runtime (`helperModule`). */
  helperModule: string;
  /** Absolute path of a vendored runtime (without extension): imported relatively from each file instead of `helperModule`. */
  vendor: string | undefined;
  /** A file the transform appends one JSON line per file to (the CLI's summary channel across workers). */
  reportFile: string | undefined;
  /** A folder the transform writes each changed file's new source to (named by `outputName`): the CLI's `--dry` diff and `--print`. */
  outputDir: string | undefined;
}

/** The runtime's default import specifier. */
export const DEFAULT_HELPER = DEFAULT_HELPER_MODULE;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return [];
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the codemod options out of jscodeshift's options object; throws on an unknown combinator. */
export function readOptions(raw: Record<string, unknown>): CodemodOptions {
  const combinators = raw.combinators === undefined ? undefined : list(raw.combinators);
  for (const name of combinators ?? []) {
    if (!COMBINATORS.includes(name as Combinator)) throw new Error(`Unknown combinator "${name}" (expected ${COMBINATORS.join(', ')})`);
  }
  return {
    everywhere: flag(raw.everywhere),
    combinators: combinators as Combinator[] | undefined,
    backgroundFunctions: list(raw.backgroundFunctions),
    backgroundDecorators: list(raw.backgroundDecorators),
    helperModule: text(raw.helperModule) ?? text(raw.helper) ?? DEFAULT_HELPER_MODULE,
    vendor: text(raw.vendor),
    reportFile: text(raw.reportFile),
    outputDir: text(raw.outputDir),
  };
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
