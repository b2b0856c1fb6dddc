import type { FunctionNode } from './ast';

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
}

/** Options every background decision takes (the rule's and the codemod's options share these). */
export interface BackgroundOptions {
  /** Dotted callee names whose function arguments are background handlers, e.g. `jobs.enqueue`. */
  backgroundFunctions?: readonly string[];
  /** Decorator names that make a method a background handler, e.g. `Job` or `queue.Job`. */
  backgroundDecorators?: readonly string[];
  /** Functions of this file that background work in other modules reaches (see `src/analysis/cross`). */
  farContext?: (fn: FunctionNode) => BackgroundContext | undefined;
}
