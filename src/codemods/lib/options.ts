import { createHash } from 'node:crypto';

/** The codemods' options, as jscodeshift passes them (`--everywhere=true --combinators=all,race`) or as the CLI does. */
export interface CodemodOptions {
  everywhere: boolean;
  combinators: ('all' | 'allSettled' | 'race' | 'any')[] | undefined;
  backgroundFunctions: string[];
  backgroundDecorators: string[];
  /** Import specifier of the TaskGroup runtime. */
  helper: string;
  /** Absolute path of a vendored runtime (without extension): imported relatively from each file instead of `helper`. */
  vendor: string | undefined;
  /** A file the transform appends one JSON line per file to (the CLI's summary channel across workers). */
  reportFile: string | undefined;
  /** A folder the transform writes each changed file's new source to (named by `outputName`): the CLI's `--dry` diff and `--print`. */
  outputDir: string | undefined;
}

export const DEFAULT_HELPER = 'eslint-plugin-taskgroup/task-group';

const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

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
    if (!COMBINATORS.has(name)) throw new Error(`Unknown combinator "${name}" (expected all, allSettled, race or any)`);
  }
  return {
    everywhere: flag(raw.everywhere),
    combinators: combinators as CodemodOptions['combinators'],
    backgroundFunctions: list(raw.backgroundFunctions),
    backgroundDecorators: list(raw.backgroundDecorators),
    helper: text(raw.helper) ?? DEFAULT_HELPER,
    vendor: text(raw.vendor),
    reportFile: text(raw.reportFile),
    outputDir: text(raw.outputDir),
  };
}

/** The file name under `outputDir` for a source file's new text. */
export function outputName(filePath: string): string {
  return `${createHash('sha1').update(filePath).digest('hex')}.out`;
}
