import path from 'node:path';
import { type CallGraph, propagate } from '../project/propagate';
import type { ProjectIndex } from '../project/project-index';
import type { Entry, FunctionSummary, ModuleSummary, Reach } from '../project/summary';
import type { ModuleRecord, Range } from '../project/types';
import type { CallResolver } from './typed-calls';

/** A function of a module reached from a background entry in another module, and the range its summary gave it. */
export interface FarReach {
  reach: Reach;
  range: Range;
}

/** For each file, its functions reached across a module boundary, by summary id. */
export type ProjectReach = ReadonlyMap<string, ReadonlyMap<string, FarReach>>;

interface Computed {
  generation: number;
  reach: ProjectReach;
  /** The record of each file propagation read: when none changed, the reach still holds. */
  records: Map<string, ModuleRecord>;
}

const computed = new WeakMap<ProjectIndex, Map<string, WeakMap<object, Computed>>>();

/** What propagation starts from: background entries, or request handlers (the request path across modules). */
export type ReachKind = 'background' | 'request';
/** The key of a computation without type information. */
const SYNTAX_ONLY = {};

/** Whether every record a computation read is still the index's record of that file (the store keeps unchanged files' records). */
function stillCurrent(index: ProjectIndex, done: Computed): boolean {
  for (const [file, record] of done.records) if (index.record(file) !== record) return false;
  return index.files.every((file) => done.records.has(file));
}

/** The summary function a declaration from `start` to `end` stands for: the one that ends where it ends (entries of conventions left out). */
export function summaryFunctionAt(functions: readonly FunctionSummary[], start: number, end: number): FunctionSummary | undefined {
  return functions.find((fn) => fn.range[1] === end && fn.range[0] >= start && !fn.id.startsWith('entry@'));
}

/** `src/workers/mail.worker.ts`: a file as reports name it, relative to the project root. */
export function projectPath(index: ProjectIndex, file: string): string {
  return path.relative(index.root, file).split(path.sep).join('/');
}

/**
 * Every function background work reaches across modules in the project, once per lint run
 * (per index and record generation): the entries of every module's facts, propagated through
 * the project's calls at most `maxDepth` module boundaries deep. Functions reached only from
 * their own module's handlers are left to the single-file analysis. With `kind: 'request'`
 * the same from every request handler instead: the functions on a request path that starts
 * in another module.
 */
export function projectReach(index: ProjectIndex, maxDepth: number, resolveCall?: CallResolver, kind: ReachKind = 'background'): ProjectReach {
  let byDepth = computed.get(index);
  if (!byDepth) {
    byDepth = new Map();
    computed.set(index, byDepth);
  }
  let byResolver = byDepth.get(`${kind}:${maxDepth}`);
  if (!byResolver) {
    byResolver = new WeakMap();
    byDepth.set(`${kind}:${maxDepth}`, byResolver);
  }
  const cached = byResolver.get(resolveCall ?? SYNTAX_ONLY);
  if (cached && cached.generation === index.recordsGeneration) return cached.reach;
  // A new lint run in a long-lived process (an editor), or a run longer than the index's
  // `maxAge`: each file is checked again, and propagation runs again only when one changed.
  if (cached && stillCurrent(index, cached)) {
    cached.generation = index.recordsGeneration;
    return cached.reach;
  }
  const records = new Map<string, ModuleRecord>();
  const recordOf = (file: string): ModuleRecord => {
    let record = records.get(file);
    if (!record) {
      record = index.record(file);
      records.set(file, record);
    }
    return record;
  };

  const entries: Entry[] = [];
  for (const file of index.files) {
    const facts = recordOf(file).facts;
    if (kind === 'request') {
      for (const request of facts?.requests ?? []) {
        entries.push({ file, id: request.id, label: `the request handler at ${projectPath(index, file)}:${request.line}`, ...(request.serverless ? { serverless: true } : {}) });
      }
      continue;
    }
    for (const entry of facts?.entries ?? []) {
      entries.push({ file, id: entry.id, label: `${entry.label} at ${projectPath(index, file)}:${entry.line}`, ...(entry.processExit ? { processExit: true } : {}) });
    }
  }
  const summaries = new Map<string, ModuleSummary>();
  const summary = (file: string): ModuleSummary => {
    let found = summaries.get(file);
    if (!found) {
      found = { file, functions: recordOf(file).facts?.functions ?? [] };
      summaries.set(file, found);
    }
    return found;
  };
  // A declaration the checker found, as the summary function that ends where it ends.
  const summaryRange = (found: { file: string; start: number; end: number }) => summaryFunctionAt(summary(found.file).functions, found.start, found.end);
  const graph: CallGraph = {
    summary,
    resolveEdge: (file, target) => index.resolveEdge(file, target),
    ...(resolveCall
      ? {
          resolveCall: (file: string, range: Range) =>
            resolveCall(file, range).flatMap((found) => {
              const fn = summaryRange(found);
              return fn ? [{ file: found.file, range: fn.range }] : [];
            }),
        }
      : {}),
  };
  const reached = propagate(entries, graph, { maxDepth });
  const reach = new Map<string, Map<string, FarReach>>();
  for (const found of reached.values()) {
    if (found.hops === 0) continue;
    const fn = summary(found.file).functions.find((candidate) => candidate.id === found.id);
    if (!fn) continue;
    let inFile = reach.get(found.file);
    if (!inFile) {
      inFile = new Map();
      reach.set(found.file, inFile);
    }
    inFile.set(found.id, { reach: found, range: fn.range });
  }
  // Every record read counts: re-export chains and barrels are read while resolving edges.
  for (const [file, record] of index.recordsRead()) records.set(file, record);
  byResolver.set(resolveCall ?? SYNTAX_ONLY, { generation: index.recordsGeneration, reach, records });
  return reach;
}
