/**
 * The handlers of one small `all`/`map` (`runEach`): one fulfilment handler per index, which
 * writes the value into `results` and tells the scope, and one rejection handler. They are made
 * once per `Slots` and a finished call hands its `Slots` back to a small pool, so the next call
 * attaches the same functions: a task costs one `then` and no closure of ours.
 *
 * A `Slots` is released only when its scope has finished, i.e. every task it attached a handler to
 * has settled and no handler of that call can run again; releasing clears `results` and `scope`.
 */
export interface SlotOwner {
  spawnFulfilled(): void;
  spawnRejected(error: unknown): void;
}

export class Slots {
  declare results: unknown[] | undefined;
  declare owner: SlotOwner | undefined;
  /** `fulfilled[i]` writes `results[i]`; filled in index order, so the array stays packed. */
  private declare readonly fulfilled: ((value: unknown) => void)[];
  declare readonly rejected: (error: unknown) => void;

  constructor() {
    this.results = undefined;
    this.owner = undefined;
    this.fulfilled = [];
    this.rejected = (error: unknown) => this.owner!.spawnRejected(error);
  }

  /** The fulfilment handler of task `index`. */
  at(index: number): (value: unknown) => void {
    const fulfilled = this.fulfilled;
    while (fulfilled.length <= index) fulfilled.push(fulfilledAt(this, fulfilled.length));
    return fulfilled[index]!;
  }
}

function fulfilledAt(slots: Slots, index: number): (value: unknown) => void {
  return (value: unknown) => {
    slots.results![index] = value;
    slots.owner!.spawnFulfilled();
  };
}

/** Free `Slots`; enough for the small calls one process has in flight at once, most of the time. */
const free: Slots[] = [];
const POOL_SIZE = 32;

export function takeSlots(owner: SlotOwner, results: unknown[]): Slots {
  const slots = free.pop() ?? new Slots();
  slots.owner = owner;
  slots.results = results;
  return slots;
}

/** The call's scope has finished: none of `slots`' handlers can run again for it. */
export function releaseSlots(slots: Slots): void {
  slots.owner = undefined;
  slots.results = undefined;
  if (free.length < POOL_SIZE) free.push(slots);
}
