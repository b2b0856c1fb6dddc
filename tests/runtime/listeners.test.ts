import { getEventListeners, setMaxListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TaskGroup } from '../../src/runtime/index';
import { takeWarnings, warningsArrive } from '../setup/warnings';
import { Boom, failOnUnhandledRejection, gate, untilAborted } from './helpers';

failOnUnhandledRejection();

// Any process warning fails a test (tests/setup/fail-on-warning.ts, whose own test holds the
// control: 11 listeners on a signal limited to 10 do make Node warn). These tests also count the
// listeners, so they show the load was there on every Node line: Node 20 limits every AbortSignal
// to 10 listeners, Node 22 and 24 only a signal given a limit, as the parents below are.

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

async function expectNoListenerWarning(): Promise<void> {
  await warningsArrive();
  expect(takeWarnings().filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
}

describe('a group signal shared by 10,000 listening tasks', () => {
  it('takes 10,000 listeners without MaxListenersExceededWarning, and all 10,000 tasks are cancelled', async () => {
    let cancelled = 0;
    let listening = 0;
    const tasks = Array.from({ length: 10_000 }, () => (signal: AbortSignal) => {
      listening = Math.max(listening, abortListeners(signal) + 1);
      return untilAborted(signal).catch((error: unknown) => {
        cancelled++;
        throw error;
      });
    });
    const failing = async () => {
      await null;
      throw new Boom();
    };
    await expect(TaskGroup.all([...tasks, failing])).rejects.toBeInstanceOf(Boom);
    expect(listening).toBe(10_000);
    expect(cancelled).toBe(10_000);
    await expectNoListenerWarning();
  });

  it('the same holds for spawn', async () => {
    const group = new TaskGroup();
    for (let i = 0; i < 10_000; i++) void group.spawn((signal) => untilAborted(signal));
    expect(abortListeners(group.signal)).toBe(10_000);
    group.cancel();
    await group.wait();
    await expectNoListenerWarning();
  });
});

describe('10,000 groups at once under one parent signal limited to 10 listeners', () => {
  /** One of each kind of group, in turn, each waiting on `until` (it ignores its signal). */
  function groupsUnder(signal: AbortSignal, until: Promise<void>, count: number): Promise<unknown>[] {
    const options = { signal };
    return Array.from({ length: count }, (_, i) => {
      switch (i % 4) {
        case 0:
          return TaskGroup.run((group) => void group.spawn(() => until), options);
        case 1:
          return TaskGroup.all([() => until, () => 1], options);
        case 2:
          return TaskGroup.map([until], (item) => item, { ...options, limit: 1 });
        default:
          return TaskGroup.race([() => until], options);
      }
    });
  }

  it('share one abort listener on the parent, removed when the last group settles', async () => {
    const parent = new AbortController();
    setMaxListeners(10, parent.signal);
    const release = gate();
    const groups = groupsUnder(parent.signal, release.promise, 10_000);
    expect(abortListeners(parent.signal)).toBe(1);
    release.open();
    await Promise.all(groups);
    expect(abortListeners(parent.signal)).toBe(0);
    await expectNoListenerWarning();
  });

  it('all abort, and reject with the reason, when the parent aborts', async () => {
    const parent = new AbortController();
    setMaxListeners(10, parent.signal);
    const release = gate();
    const groups = groupsUnder(parent.signal, release.promise, 10_000).map((group) => group.then(() => 'resolved', (error: unknown) => error));
    const reason = new Error('shutdown');
    parent.abort(reason);
    release.open();
    const outcomes = await Promise.all(groups);
    expect(outcomes.every((outcome) => outcome === reason)).toBe(true);
    expect(abortListeners(parent.signal)).toBe(0);
    await expectNoListenerWarning();
  });
});
