import type { ModuleRef } from './program';
import type { FunctionSummary } from './project/summary';

/**
 * The kinds of background handler the analysis recognises. `label` is the human
 * description rules put in messages ("a BullMQ worker", "a Next.js after() callback").
 */
export type BackgroundKind =
  | 'next-after'
  | 'wait-until'
  | 'timer'
  | 'queue-worker'
  | 'scheduled-job'
  | 'event-listener'
  | 'fastify-hook'
  | 'nest-decorator'
  | 'job-class'
  | 'cloudflare-handler'
  | 'fire-and-forget'
  | 'reached'
  | 'cross-module'
  | 'after-response'
  | 'user-function'
  | 'user-decorator';

export interface BackgroundContext {
  kind: BackgroundKind;
  label: string;
  /** For `reached`: the handler the function was reached from. */
  reachedFrom?: BackgroundContext;
  /** For `cross-module`: the entry in another module ("the BullMQ worker at src/workers/mail.worker.ts:42"). */
  entry?: string;
  /** For `cross-module`: the named functions of the chain after the entry ("`SendMail.execute`"). */
  through?: string;
  /** A listener of the process's end (`process.on('SIGTERM', …)`), or reached only from one: nothing is left for its work to outlive. */
  processExit?: boolean;
}

/** Options every background decision takes (the rule's and the codemod's options share these). */
export interface BackgroundOptions {
  /** Dotted callee names whose function arguments are background handlers, e.g. `jobs.enqueue`. */
  backgroundFunctions?: readonly string[];
  /** Decorator names that make a method a background handler, e.g. `Job` or `queue.Job`. */
  backgroundDecorators?: readonly string[];
  /** Functions of this file that background work in other modules reaches (see `src/analysis/cross`). */
  farContext?: FarContextLookup;
}

/** What other modules say of this file's functions (see `src/analysis/cross/far-context.ts`). */
export interface FarContextLookup {
  /** The background context background work in another module gives the function, if any. */
  (fn: { readonly range: readonly [number, number] }): BackgroundContext | undefined;
  /**
   * The request path the function is on because a request handler of another module reaches
   * it (`serverless`: a Next.js route handler or server action does), if any. Only the
   * floating-promise scope asks, so it is computed on first use.
   */
  requestPath?: (fn: { readonly range: readonly [number, number] }) => 'server' | 'serverless' | undefined;
  /**
   * The summary of the function the export `ref` of another module of the project is
   * (`import { sendEmail } from '@acme/email'`): whether it is `async`, settles at once, waits
   * only on files.
   */
  exportedFunction?: (ref: ModuleRef) => FunctionSummary | undefined;
}
