import { performance } from 'node:perf_hooks';
import type { TaskMessage } from '../runtime/diagnostics';
import type { Zombie, ZombieOutcome } from './report';

export interface OpFields {
  readonly kind: Zombie['kind'];
  readonly name?: string | undefined;
  readonly site?: string | undefined;
  readonly group?: string | undefined;
  readonly stack?: string | undefined;
  readonly late?: boolean;
  /** Made in the body of a task that was cancelled since: unwinding, a zombie only if it runs on. */
  readonly unwinding?: boolean;
}

/**
 * One operation the user's code started, as a report names it: running while its head (the task,
 * timer or promise the user's call made) or anything created in its chain or callbacks is pending.
 */
export class Op {
  private pending = 0;
  outcome: ZombieOutcome = 'running';
  /** `performance.now()` when it ended. */
  endedAt: number | undefined = undefined;
  /** Told once, when it ends (from a hook: it must not run user code). */
  onEnd: ((op: Op) => void) | undefined = undefined;

  constructor(
    readonly fields: OpFields,
    /** The task it is, if it is one: its end says how it ended. */
    private readonly task: TaskMessage | undefined,
  ) {}

  get running(): boolean {
    return this.endedAt === undefined;
  }

  hold(): void {
    this.pending++;
  }

  release(): void {
    if (--this.pending === 0) this.end();
  }

  /** Ends it now when nothing holds it (its head settled before anyone looked). */
  endIfIdle(): void {
    if (this.pending === 0 && this.running) this.end();
  }

  private end(): void {
    this.endedAt = performance.now();
    const outcome = this.task?.outcome;
    this.outcome = outcome === 'fulfilled' || outcome === 'failed' || outcome === 'cancelled' ? outcome : 'settled';
    this.onEnd?.(this);
  }

  /** As reported; with `since` (the response's time), also what became of it. */
  toZombie(since?: number): Zombie {
    const { kind, name, site, group, stack, late, unwinding } = this.fields;
    return {
      kind,
      ...(name === undefined ? {} : { name }),
      ...(site === undefined ? {} : { site }),
      ...(group === undefined ? {} : { group }),
      ...(stack === undefined ? {} : { stack }),
      ...(late ? { late: true as const } : {}),
      ...(unwinding ? { cancelled: true as const } : {}),
      ...(since === undefined
        ? {}
        : { outcome: this.outcome, ...(this.endedAt === undefined ? {} : { settledAfterMs: Math.max(0, this.endedAt - since) }) }),
    };
  }
}
