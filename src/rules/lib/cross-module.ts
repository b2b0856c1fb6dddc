import type { TSESLint } from '@typescript-eslint/utils';
import { type FarLookup, farLookupFor } from '../../analysis/cross/far-context';
import type { TaskGroupSettings } from '../../analysis/settings';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const lookups = new WeakMap<object, Map<string, FarLookup | undefined>>();

/**
 * What background work in other modules reaches in the file being linted (see
 * `src/analysis/cross`), once per file and settings: the project index is built on the first
 * file that needs it and shared by the whole run. Never throws: a project that cannot be
 * indexed leaves each file to itself.
 */
export function farLookupOf(context: Context, settings: TaskGroupSettings): FarLookup | undefined {
  const program = context.sourceCode.ast;
  let byKey = lookups.get(program);
  if (!byKey) {
    byKey = new Map();
    lookups.set(program, byKey);
  }
  const key = JSON.stringify([settings.backgroundFunctions ?? [], settings.backgroundDecorators ?? [], settings.crossModuleDepth]);
  if (byKey.has(key)) return byKey.get(key);
  let lookup: FarLookup | undefined;
  try {
    // Not `getParserServices`: it throws for parsers without services; type information is optional here.
    const program = context.sourceCode.parserServices?.program ?? undefined;
    lookup = farLookupFor(context.physicalFilename, context.sourceCode.text, { ...settings, ...(program ? { program } : {}) });
  } catch {
    lookup = undefined;
  }
  byKey.set(key, lookup);
  return lookup;
}
