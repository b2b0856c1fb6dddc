import { readFileSync } from 'node:fs';
import type * as ts from 'typescript';
import path from 'node:path';
import { type Node, isFunctionNode } from '../ast';
import type { BackgroundContext, FarContextLookup } from '../contexts';
import { projectIndexFor } from '../project/index-cache';
import { loadTypeScript, type TypeScriptModule } from '../project/optional-modules';
import { type CallResolver, typedCallResolver } from './typed-calls';

type TsProgram = ts.Program;
import { type FarReach, projectReach, summaryFunctionAt } from './reach';
import { backgroundSummarizer } from './summarize';

/** The default of `crossModuleDepth`: module boundaries a chain from a background entry may cross. */
export const DEFAULT_CROSS_MODULE_DEPTH = 4;

/**
 * Module boundaries a request path is followed across (controller → service → repository):
 * request handlers reach most of an application, so the request path stays short where
 * background chains may go `crossModuleDepth` deep.
 */
export const REQUEST_PATH_DEPTH = 2;

/**
 * Which functions of one file background work in other modules reaches: the context each runs
 * in; and (`requestPath`) which request handlers of other modules reach.
 */
export type FarLookup = FarContextLookup;

export interface CrossModuleOptions {
  backgroundFunctions?: readonly string[];
  backgroundDecorators?: readonly string[];
  /** Module boundaries a chain may cross; 0 turns cross-module analysis off. Default: 4. */
  crossModuleDepth?: number;
  /** For tests and tools: the project index's `typescript`, disk cache folder. */
  typescript?: TypeScriptModule | null;
  cacheDirectory?: string | false;
  /** The TypeScript program of typed linting (`parserServices.program`): calls through interfaces and typed receivers are followed too. */
  program?: TsProgram;
}

const resolvers = new WeakMap<TsProgram, CallResolver | undefined>();

/** One resolver per program (the reach computed with it is kept per resolver). */
function resolverFor(program: TsProgram | undefined): CallResolver | undefined {
  if (!program) return undefined;
  if (!resolvers.has(program)) {
    const typescript = loadTypeScript();
    resolvers.set(program, typescript ? typedCallResolver(typescript, program) : undefined);
  }
  return resolvers.get(program);
}

/** "`SendMail.execute`", "`MailWorker.handle` → `SendMail.execute`": the named steps after the entry. */
export function chainText(found: FarReach): string {
  const names = found.reach.chain.slice(1).flatMap((step) => (step.name ? [`\`${step.name}\``] : []));
  return names.join(' → ');
}

/** The context of a function reached from another module's background entry: "reached from the BullMQ worker at src/workers/mail.worker.ts:42 through `SendMail.execute`". */
export function farContext(found: FarReach): BackgroundContext {
  const through = chainText(found);
  return {
    kind: 'cross-module',
    label: `reached from ${found.reach.entry.label ?? 'a background handler'}${through ? ` through ${through}` : ''}`,
    entry: found.reach.entry.label ?? 'a background handler',
    through,
    ...(found.reach.entry.processExit ? { processExit: true } : {}),
  };
}

function sameAsOnDisk(file: string, text: string): boolean {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}

function isProjectFile(file: string): boolean {
  return path.isAbsolute(file) && !file.split(/[\\/]/).includes('node_modules');
}

/**
 * Can the project index say anything about `file` (cross-module analysis on, a project file)?
 * A cheap check before work that only the index makes worth doing (resolving imported callees).
 */
export function crossModuleApplies(file: string, options: Pick<CrossModuleOptions, 'crossModuleDepth'>): boolean {
  return (options.crossModuleDepth ?? DEFAULT_CROSS_MODULE_DEPTH) > 0 && isProjectFile(file);
}

/**
 * The functions of `file` that background entries of other modules reach (see `projectReach`),
 * for the single-file analysis to treat as background. `undefined` when cross-module analysis
 * is off (`crossModuleDepth: 0`), the file is no project file (`<input>`, `node_modules`), or
 * `text` is not what the file holds on disk (an editor's unsaved buffer, a test's code under
 * a fixture's name): the index reads files from disk, and its functions would not match.
 * The project index is built once per run and process.
 */
export function farLookupFor(file: string, text: string, options: CrossModuleOptions): FarLookup | undefined {
  const depth = options.crossModuleDepth ?? DEFAULT_CROSS_MODULE_DEPTH;
  if (!crossModuleApplies(file, options) || !sameAsOnDisk(file, text)) return undefined;
  const summarizer = backgroundSummarizer(options);
  const index = projectIndexFor(file, {
    summarizer,
    ...(options.typescript !== undefined ? { typescript: options.typescript } : {}),
    ...(options.cacheDirectory !== undefined ? { cacheDirectory: options.cacheDirectory } : {}),
  });
  const resolver = resolverFor(options.program);
  const inFile = projectReach(index, depth, resolver).get(path.resolve(file));
  const find = (reach: ReadonlyMap<string, FarReach> | undefined, fn: { readonly range: readonly [number, number] }) => {
    const found = reach?.get(String(fn.range[0]));
    return found && found.range[1] === fn.range[1] ? found : undefined;
  };
  let requests: { reach: ReadonlyMap<string, FarReach> | undefined } | undefined;
  const lookup: FarLookup = (fn) => {
    const found = find(inFile, fn);
    return found && farContext(found);
  };
  lookup.exportedFunction = (ref) => {
    const found = index.resolveEdge(path.resolve(file), { kind: 'module', source: ref.source, path: ref.path });
    return found && summaryFunctionAt(index.record(found.file).facts?.functions ?? [], found.range[0], found.range[1]);
  };
  lookup.requestPath = (fn) => {
    requests ??= { reach: projectReach(index, Math.min(depth, REQUEST_PATH_DEPTH), resolver, 'request').get(path.resolve(file)) };
    const found = find(requests.reach, fn);
    return found && (found.reach.entry.serverless ? 'serverless' : 'server');
  };
  return lookup;
}

/** The cross-module context of the nearest enclosing function background work in other modules reaches, if any. */
export function farContextAt(node: Node, lookup: FarLookup | undefined): BackgroundContext | undefined {
  if (!lookup) return undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      const context = lookup(current);
      if (context) return context;
    }
  }
  return undefined;
}
