/** What the detector reports: the work a function or a request started that is still running. */

/**
 * What became of a zombie by the follow-up. A task's end says whether it `fulfilled`, `failed` or
 * was `cancelled`; a plain promise or a timer only says that it `settled` (telling a rejection apart
 * would mean handling it, which would change what the app's `unhandledRejection` sees).
 */
export type ZombieOutcome = 'fulfilled' | 'failed' | 'cancelled' | 'settled' | 'running';

/** One pending operation that the user's code started. */
export interface Zombie {
  /**
   * `task`: a TaskGroup task; `promise`: a pending promise, `timer`: a pending `setTimeout` /
   * `setInterval`, `immediate`: a pending `setImmediate` (the last three with `{ promises: true }`).
   */
  readonly kind: 'task' | 'promise' | 'timer' | 'immediate';
  /** What the user's code called to start it: `fetch`, `setTimeout`, `new Promise`, `all`, `spawn`. */
  readonly name?: string;
  /** The innermost frame of the user's code that started it, `file:line:column` (with a stack). */
  readonly site?: string;
  /** A task's group name (its `name` option), when it has one. */
  readonly group?: string;
  /** Where it was started: the user's frames, innermost first (with a stack). */
  readonly stack?: string;
  /** It began after the response finished (or after the function given to `zombies` settled). */
  readonly late?: true;
  /**
   * It was started in a TaskGroup task that was cancelled, and still ran when the grace period
   * ended: it does not honour the task's signal. (Cancelled work that ends within it is only
   * unwinding, and is not reported.)
   */
  readonly cancelled?: true;
  /** In a follow-up (and from `zombies` with `grace`): what became of it. */
  readonly outcome?: ZombieOutcome;
  /** With `outcome`: milliseconds from the response (or the function's end) to its end. */
  readonly settledAfterMs?: number;
}

/** Zombies that share what started them: `3× fetch at src/report.ts:22:18`. */
export interface ZombieGroup {
  readonly count: number;
  readonly kind: Zombie['kind'];
  readonly name?: string;
  readonly site?: string;
  readonly group?: string;
  readonly late?: true;
  readonly cancelled?: true;
  /** The stack of the first one. */
  readonly stack?: string;
  /** In a follow-up: how many ended each way. */
  readonly outcomes?: Readonly<Partial<Record<ZombieOutcome, number>>>;
}

export interface ZombieReport {
  readonly method: string;
  /** The matched route when the framework tells it (`/users/:id`), else the path. */
  readonly route: string;
  /** The request's URL as received (path and query). */
  readonly url: string;
  /** One entry per operation. */
  readonly zombies: readonly Zombie[];
  /** The same, grouped by what started them, largest group first. */
  readonly groups: readonly ZombieGroup[];
}

/** What became of a report's zombies, once they all settled or the grace period ran out. */
export interface ZombieFollowUp extends ZombieReport {
  /** Milliseconds from the response to this follow-up. */
  readonly afterMs: number;
  /** How many are still running. */
  readonly running: number;
}

function groupKey(zombie: Zombie): string {
  return `${zombie.kind}\0${zombie.name ?? ''}\0${zombie.site ?? ''}\0${zombie.group ?? ''}\0${zombie.late ?? ''}\0${zombie.cancelled ?? ''}`;
}

/** Groups zombies by kind, name, site, group and lateness: one entry per place, with a count. */
export function groupZombies(zombies: readonly Zombie[]): ZombieGroup[] {
  const groups = new Map<string, { first: Zombie; count: number; outcomes: Partial<Record<ZombieOutcome, number>> | undefined }>();
  for (const zombie of zombies) {
    const key = groupKey(zombie);
    let entry = groups.get(key);
    if (entry === undefined) groups.set(key, (entry = { first: zombie, count: 0, outcomes: undefined }));
    entry.count++;
    if (zombie.outcome !== undefined) {
      entry.outcomes ??= {};
      entry.outcomes[zombie.outcome] = (entry.outcomes[zombie.outcome] ?? 0) + 1;
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .map(({ first, count, outcomes }) => ({
      count,
      kind: first.kind,
      ...(first.name === undefined ? {} : { name: first.name }),
      ...(first.site === undefined ? {} : { site: first.site }),
      ...(first.group === undefined ? {} : { group: first.group }),
      ...(first.late === undefined ? {} : { late: first.late }),
      ...(first.cancelled === undefined ? {} : { cancelled: first.cancelled }),
      ...(first.stack === undefined ? {} : { stack: first.stack }),
      ...(outcomes === undefined ? {} : { outcomes }),
    }));
}

const KIND: Record<Zombie['kind'], string> = { task: 'task', promise: 'promise', timer: 'timer', immediate: 'immediate' };

/** `3× fetch at src/report.ts:22:18`, `1× task "feeds" (all) at src/feeds.ts:9:5`, `2× timer`. */
export function describeGroup(group: ZombieGroup): string {
  const what =
    group.kind === 'task'
      ? `task${group.group === undefined ? '' : ` "${group.group}"`}${group.name === undefined ? '' : ` (${group.name})`}`
      : (group.name ?? KIND[group.kind]);
  const where = group.site === undefined ? '' : ` at ${group.site}`;
  const when = group.late ? ', started after the response' : group.cancelled ? ', still running after its task was cancelled' : '';
  return `${group.count}× ${what}${where}${when}`;
}

/**
 * The default `onZombie`: one `console.warn` with the count, the route, one line per group and
 * the stack of the largest group.
 */
export function warnZombies(report: ZombieReport): void {
  const { zombies, groups } = report;
  const stack = groups.find((group) => group.stack !== undefined)?.stack;
  const lines = groups.map((group) => `  ${describeGroup(group)}`);
  const hint =
    stack === undefined
      ? '\n  (where they started: taskMonitor({ captureStacks: true }), or wait for the next report)'
      : `\nfirst started\n${stack}`;
  console.warn(`[taskgroup] ${plural(zombies.length, 'operation')} still running after ${report.method} ${report.route} responded:\n${lines.join('\n')}${hint}`);
}

/** The default `onFollowUp`: `console.warn` when something is still running, else `console.info`. */
export function logFollowUp(followUp: ZombieFollowUp): void {
  const { zombies, running } = followUp;
  const when = `${Math.round(followUp.afterMs)} ms after ${followUp.method} ${followUp.route} responded`;
  if (running === 0) {
    const last = Math.max(...zombies.map((zombie) => zombie.settledAfterMs ?? 0));
    console.info(`[taskgroup] ${when}: all ${plural(zombies.length, 'operation')} it left running have ended (the last ${Math.round(last)} ms after the response): slow cleanup, not a leak`);
    return;
  }
  const lines = followUp.groups.filter((group) => (group.outcomes?.running ?? 0) > 0).map((group) => `  ${describeGroup({ ...group, count: group.outcomes!.running! })}`);
  console.warn(`[taskgroup] ${when}: ${running} of ${plural(zombies.length, 'operation')} still running:\n${lines.join('\n')}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
