import type { ZombieFollowUp, ZombieReport } from './report';

export interface ZombieOptions {
  /**
   * Also follow the promises, timers and immediates created in the async context (`async_hooks`),
   * not only TaskGroup tasks. A debugging tool: promise hooks slow every promise while enabled.
   */
  promises?: boolean;
  /**
   * Record where each task was started (promise mode always records where its work started).
   * `zombies`: on by default. `taskMonitor`: by default, only after a report that had none, for
   * the next requests (a stack per task costs more than the rest of counting mode).
   */
  captureStacks?: boolean;
  /**
   * Milliseconds to keep following, after the response (or after the function settled), the work
   * found running and the work that begins then. `taskMonitor`: 1000 (its `onFollowUp` then tells
   * what became of it); `zombies`: 0 (return at once).
   */
  grace?: number;
}

export interface TaskMonitorOptions extends ZombieOptions {
  /** Receives each request that left work running (default: one `console.warn`). */
  onZombie?: (report: ZombieReport) => void;
  /**
   * Receives what became of a report's work: all of it ended, or `grace` ran out (default: one
   * `console.warn` when something still runs, else one `console.info`).
   */
  onFollowUp?: (followUp: ZombieFollowUp) => void;
}

export interface ResolvedOptions {
  promises: boolean;
  /** `'auto'`: after a report without stacks, for the next requests (`taskMonitor` only). */
  captureStacks: boolean | 'auto';
  grace: number;
  onZombie: ((report: ZombieReport) => void) | undefined;
  onFollowUp: ((followUp: ZombieFollowUp) => void) | undefined;
}

type Api = 'zombies' | 'taskMonitor';

const KNOWN: Record<Api, ReadonlySet<string>> = {
  zombies: new Set(['promises', 'captureStacks', 'grace']),
  taskMonitor: new Set(['promises', 'captureStacks', 'grace', 'onZombie', 'onFollowUp']),
};
const GRACE: Record<Api, number> = { zombies: 0, taskMonitor: 1000 };

/** Checks the options of `api`: a mistake is a clear `TypeError`. */
export function resolveOptions(options: TaskMonitorOptions | undefined, api: Api): ResolvedOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError(`${api}: options must be an object`);
  for (const key of Object.keys(options ?? {})) if (!KNOWN[api].has(key)) throw new TypeError(`${api}: unknown option "${key}"`);
  const { promises = false, captureStacks, grace = GRACE[api], onZombie, onFollowUp } = options ?? {};
  if (typeof promises !== 'boolean') throw new TypeError(`${api}: "promises" must be a boolean`);
  if (captureStacks !== undefined && typeof captureStacks !== 'boolean') throw new TypeError(`${api}: "captureStacks" must be a boolean`);
  if (typeof grace !== 'number' || !(grace >= 0) || !Number.isFinite(grace)) {
    throw new TypeError(`${api}: "grace" must be a number of milliseconds, 0 or more`);
  }
  if (onZombie !== undefined && typeof onZombie !== 'function') throw new TypeError(`${api}: "onZombie" must be a function (report) => void`);
  if (onFollowUp !== undefined && typeof onFollowUp !== 'function') {
    throw new TypeError(`${api}: "onFollowUp" must be a function (followUp) => void`);
  }
  return {
    promises,
    captureStacks: captureStacks ?? (promises || api === 'zombies' ? true : 'auto'),
    grace,
    onZombie,
    onFollowUp,
  };
}
