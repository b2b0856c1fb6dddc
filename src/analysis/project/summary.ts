import type { TSESTree } from '@typescript-eslint/utils';
import type { ParserId } from './parse';
import type { Range } from './types';

/**
 * Per-module function summaries: the input of cross-module propagation. The single-file
 * analysis produces them (which functions a module has, what each calls); the project
 * index resolves the edges that leave the module.
 */

/** Where a call goes. */
export type EdgeTarget =
  /** A function of the same module, by its summary id. */
  | { kind: 'local'; id: string }
  /**
   * A top-level name of the module (usually an import binding) and a member path below it:
   * `sendMail()` → `{ local: 'sendMail', path: [] }`; `mail.send()` (namespace import) →
   * `['send']`; `this.useCase.execute()` where the constructor took
   * `private readonly useCase: SendMail` → `{ local: 'SendMail', path: ['prototype', 'execute'] }`.
   */
  | { kind: 'import'; local: string; path: readonly string[] }
  /** A module named in place: `require('./x').run()`, `(await import('./x')).run()` → `{ source: './x', path: ['run'] }`. */
  | { kind: 'module'; source: string; path: readonly string[] }
  /**
   * A method call syntax cannot resolve (`this.mailer.send()` where `mailer` is typed with an
   * interface, `mailer.send()` on a typed parameter): followed only with type information,
   * by the call's range.
   */
  | { kind: 'call' };

export interface CallEdge {
  target: EdgeTarget;
  /** The call (or reference) in the caller's text. */
  range?: Range;
}

export interface FunctionSummary {
  /** Unique within the module. */
  id: string;
  name?: string;
  /** The function node's range: how an export's declaration (`Declaration.range`) is matched to its summary. */
  range: Range;
  calls: readonly CallEdge[];
  /** A request handler: request-path code, never entered from background work. */
  boundary?: boolean;
  /** An `async` function: a call of it is a promise, also from other modules. */
  async?: boolean;
  /** An `async` function with no `await` in it and no call's value returned: it has run to the end when the call returns. */
  settlesAtOnce?: boolean;
  /** An `async` function that waits on the file system only: a call of it is local file work. */
  waitsOnlyOnFiles?: boolean;
}

/** A background entry as a module's facts record it: which function, how to name it, on which line. */
export interface EntryFact {
  id: string;
  /** The handler's kind as the single-file analysis names it: "a BullMQ worker". */
  label: string;
  /** 1-based line of the handler (or of the registration, for a handler module or an imported callback). */
  line: number;
  /** A listener of the process's end (`process.on('SIGTERM', …)`). */
  processExit?: boolean;
}

/**
 * What the single-file analysis says of a module, kept in its record (and the disk cache):
 * its functions with their calls, and its background entries.
 */
export interface ModuleFacts {
  functions: FunctionSummary[];
  entries: EntryFact[];
  /** The module's request handlers (the roots of the request path across modules). */
  requests?: RequestFact[];
}

/** A request handler as a module's facts record it. */
export interface RequestFact {
  id: string;
  line: number;
  /** A Next.js route handler or server action (see `RequestHandlerKind`). */
  serverless?: boolean;
}

/**
 * Produces a module's facts from its tree (the index parses each file once, for its record
 * and its facts). `key` names what the facts depend on besides the text (the analysis'
 * options): it is part of the cache key.
 */
export interface Summarizer {
  key: string;
  summarize(file: string, text: string, program: TSESTree.Program, parser: ParserId): ModuleFacts;
}

export interface ModuleSummary {
  file: string;
  functions: readonly FunctionSummary[];
}

/** A background handler propagation starts from. */
export interface Entry {
  file: string;
  id: string;
  /** How to name it in a report: "the BullMQ worker at src/workers/mail.worker.ts:42". */
  label?: string;
  /** A listener of the process's end (see `EntryFact`). */
  processExit?: boolean;
  /** For a request handler entry: a Next.js route handler or server action. */
  serverless?: boolean;
}

/** One function of a chain; `call` is where the function before it calls it. */
export interface ChainStep {
  file: string;
  id: string;
  name?: string;
  call?: Range;
}

/** A function reached from an entry, with the shortest chain that reaches it. */
export interface Reach {
  file: string;
  id: string;
  name?: string;
  entry: Entry;
  /** Entry first, this function last. */
  chain: ChainStep[];
  /** Module boundaries crossed on the chain (0: the entry's own module, through its own functions only). */
  hops: number;
}
