/** What the detector reports: the work a function or a request started that is still running. */
export interface Zombie {
  /** `task`: a TaskGroup task; `promise`: a pending promise (with `{ promises: true }`). */
  readonly kind: 'task' | 'promise';
  /** A task's group name (its `name` option), when it has one. */
  readonly group?: string;
  /** Where it was created (spawned, or called), innermost frame first; with `captureStacks`. */
  readonly stack?: string;
}

export interface ZombieReport {
  readonly method: string;
  /** The matched route when the framework tells it (`/users/:id`), else the path. */
  readonly route: string;
  readonly zombies: readonly Zombie[];
}

/** The default `onZombie`: one `console.warn` line with the count, the route and the first stack. */
export function warnZombies(report: ZombieReport): void {
  const { zombies } = report;
  const tasks = zombies.filter((zombie) => zombie.kind === 'task').length;
  const what = [tasks > 0 ? plural(tasks, 'task') : '', tasks < zombies.length ? plural(zombies.length - tasks, 'promise') : '']
    .filter(Boolean)
    .join(' and ');
  const stack = zombies.find((zombie) => zombie.stack !== undefined)?.stack;
  console.warn(
    `[taskgroup] ${what} still running after ${report.method} ${report.route} responded` +
      (stack === undefined ? ' (taskMonitor({ captureStacks: true }) shows where they started)' : `; first one started\n${stack}`),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
