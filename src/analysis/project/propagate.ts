import type { ChainStep, EdgeTarget, Entry, FunctionSummary, ModuleSummary, Reach } from './summary';
import type { Range } from './types';

/** What propagation needs from the project: summaries, and where an edge that leaves a module goes. */
export interface CallGraph {
  summary(file: string): ModuleSummary | undefined;
  /** The declaration (its file and range) an `import` or `module` edge of `file` leads to. */
  resolveEdge(file: string, target: Exclude<EdgeTarget, { kind: 'local' | 'call' }>): { file: string; range: Range } | undefined;
  /** With type information: the functions a `call` edge of `file` (the call at `range`) may run. */
  resolveCall?(file: string, range: Range): readonly { file: string; range: Range }[];
}

export interface PropagateOptions {
  /** Most module boundaries a chain may cross (calls inside a module are free, as in the single-file analysis). Default: 4. */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 4;

interface Node {
  file: string;
  fn: FunctionSummary;
}

interface Label {
  node: Node;
  hops: number;
  calls: number;
  previous?: Label;
  call?: Range;
  entry: Entry;
}

/** A tiny binary heap: the label with the fewest hops, then the fewest calls, then the earliest pushed. */
class Queue {
  private readonly items: { label: Label; order: number }[] = [];
  private pushed = 0;

  get size(): number {
    return this.items.length;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.label.hops !== y.label.hops ? x.label.hops < y.label.hops : x.label.calls !== y.label.calls ? x.label.calls < y.label.calls : x.order < y.order;
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }

  push(label: Label): void {
    this.items.push({ label, order: this.pushed++ });
    for (let i = this.items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): Label {
    const top = this.items[0]!.label;
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.items.length && this.less(left, smallest)) smallest = left;
        if (right < this.items.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }
}

function keyOf(file: string, id: string): string {
  return `${file}#${id}`;
}

/**
 * The functions reached from background entries through calls, across modules: for each,
 * the chain with the fewest module boundaries (then the fewest calls) from the nearest entry.
 * Chains cross at most `maxDepth` boundaries; cycles are visited once; request handlers
 * (`boundary`) are not entered. Entries themselves are not in the result.
 */
export function propagate(entries: readonly Entry[], graph: CallGraph, options: PropagateOptions = {}): Map<string, Reach> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const lookups = new Map<string, { byId: Map<string, FunctionSummary>; byRange: Map<string, FunctionSummary> }>();
  const lookup = (file: string) => {
    let found = lookups.get(file);
    if (!found) {
      const functions = graph.summary(file)?.functions ?? [];
      found = { byId: new Map(functions.map((fn) => [fn.id, fn])), byRange: new Map(functions.map((fn) => [`${fn.range[0]}:${fn.range[1]}`, fn])) };
      lookups.set(file, found);
    }
    return found;
  };
  const functionAt = (file: string, range: Range) => lookup(file).byRange.get(`${range[0]}:${range[1]}`);
  const byId = (file: string, id: string) => lookup(file).byId.get(id);

  const settled = new Map<string, Label>();
  const queue = new Queue();
  for (const entry of entries) {
    const fn = byId(entry.file, entry.id);
    if (fn) queue.push({ node: { file: entry.file, fn }, hops: 0, calls: 0, entry });
  }
  while (queue.size > 0) {
    const label = queue.pop();
    const key = keyOf(label.node.file, label.node.fn.id);
    if (settled.has(key)) continue;
    settled.set(key, label);
    const { file, fn } = label.node;
    for (const edge of fn.calls) {
      const targets: Node[] = [];
      if (edge.target.kind === 'local') {
        const local = byId(file, edge.target.id);
        if (local) targets.push({ file, fn: local });
      } else {
        const declarations =
          edge.target.kind === 'call' ? (edge.range && graph.resolveCall ? graph.resolveCall(file, edge.range) : []) : [graph.resolveEdge(file, edge.target)].filter((found) => found !== undefined);
        for (const declaration of declarations) {
          const target = functionAt(declaration.file, declaration.range);
          if (target) targets.push({ file: declaration.file, fn: target });
        }
      }
      for (const next of targets) {
        const hops = next.file === file ? label.hops : label.hops + 1;
        if (next.fn.boundary || hops > maxDepth || settled.has(keyOf(next.file, next.fn.id))) continue;
        queue.push({ node: next, hops, calls: label.calls + 1, previous: label, ...(edge.range ? { call: edge.range } : {}), entry: label.entry });
      }
    }
  }

  const entryKeys = new Set(entries.map((entry) => keyOf(entry.file, entry.id)));
  const reached = new Map<string, Reach>();
  for (const [key, label] of settled) {
    if (entryKeys.has(key)) continue;
    const chain: ChainStep[] = [];
    for (let step: Label | undefined = label; step; step = step.previous) {
      chain.unshift({ file: step.node.file, id: step.node.fn.id, ...(step.node.fn.name ? { name: step.node.fn.name } : {}), ...(step.call ? { call: step.call } : {}) });
    }
    const { file, fn } = label.node;
    reached.set(key, { file, id: fn.id, ...(fn.name ? { name: fn.name } : {}), entry: label.entry, chain, hops: label.hops });
  }
  return reached;
}
