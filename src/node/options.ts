import type { ZombieReport } from './report';

export interface ZombieOptions {
  /**
   * Also follow every promise created in the async context (`async_hooks` `PROMISE` resources),
   * not only TaskGroup tasks. A debugging tool: promise hooks slow every promise while enabled.
   */
  promises?: boolean;
  /** Record where each task or promise was created (default: on with `promises`, else off). */
  captureStacks?: boolean;
}

export interface TaskMonitorOptions extends ZombieOptions {
  /** Receives each request that left work running (default: one `console.warn` line). */
  onZombie?: (report: ZombieReport) => void;
}

export interface ResolvedOptions {
  promises: boolean;
  captureStacks: boolean;
  onZombie: ((report: ZombieReport) => void) | undefined;
}

const KNOWN = new Set(['promises', 'captureStacks', 'onZombie']);

/** Checks the options of `api` (`zombies`, `taskMonitor`): a mistake is a clear `TypeError`. */
export function resolveOptions(options: TaskMonitorOptions | undefined, api: string): ResolvedOptions {
  if (options === undefined) return { promises: false, captureStacks: false, onZombie: undefined };
  if (typeof options !== 'object' || options === null) throw new TypeError(`${api}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key) || (key === 'onZombie' && api !== 'taskMonitor')) throw new TypeError(`${api}: unknown option "${key}"`);
  }
  const { promises = false, captureStacks = promises, onZombie } = options;
  if (typeof promises !== 'boolean') throw new TypeError(`${api}: "promises" must be a boolean`);
  if (typeof captureStacks !== 'boolean') throw new TypeError(`${api}: "captureStacks" must be a boolean`);
  if (onZombie !== undefined && typeof onZombie !== 'function') throw new TypeError(`${api}: "onZombie" must be a function (report) => void`);
  return { promises, captureStacks, onZombie };
}
