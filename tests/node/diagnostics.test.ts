import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, test } from 'vitest';
import { type TaskMessage, tracing } from '../../src/runtime/diagnostics';
import { TaskGroup } from '../../src/runtime/index';
import { sleep } from '../runtime/helpers';

const START = 'taskgroup:task:start';
const END = 'taskgroup:task:end';

/** Records `[event, task label, outcome]`, labelling each message by the order it started in. */
function record() {
  const events: [string, string, string | undefined][] = [];
  const labels = new Map<TaskMessage, string>();
  const onStart = (message: unknown) => {
    const task = message as TaskMessage;
    labels.set(task, String.fromCharCode(65 + labels.size));
    events.push(['start', labels.get(task)!, task.group]);
  };
  const onEnd = (message: unknown) => {
    const task = message as TaskMessage;
    events.push(['end', labels.get(task) ?? '?', task.outcome]);
  };
  subscribe(START, onStart);
  subscribe(END, onEnd);
  stop = () => {
    unsubscribe(START, onStart);
    unsubscribe(END, onEnd);
  };
  return { events, labels };
}

let stop = () => {};
afterEach(() => stop());

describe('diagnostics_channel events', () => {
  test('spawn, success, failure and cancel arrive in order, start and end sharing one message', async () => {
    const { events, labels } = record();
    const failure = new Error('B failed');
    const run = TaskGroup.run(
      (group) => {
        void group.spawn(() => sleep(20)); // A: ignores the signal, succeeds
        void group.spawn(() => sleep(5).then(() => Promise.reject(failure))); // B: fails first
        void group.spawn((signal) => sleep(1_000, signal)); // C: cancelled by B's failure
        void group.spawn(() => sleep(1)); // D: queued behind the limit, dropped
      },
      { name: 'checkout', limit: 3 },
    );
    await expect(run).rejects.toBe(failure);
    expect(events).toEqual([
      ['start', 'A', 'checkout'],
      ['start', 'B', 'checkout'],
      ['start', 'C', 'checkout'],
      ['start', 'D', 'checkout'],
      ['end', 'B', 'failed'],
      ['end', 'D', 'cancelled'],
      ['end', 'C', 'cancelled'],
      ['end', 'A', 'fulfilled'],
    ]);
    const [a, b, c] = [...labels.keys()];
    expect(b!.error).toBe(failure);
    expect(c!.error).toBe(failure);
    expect(a!.error).toBeUndefined();
    expect(a!.id).toBeLessThan(b!.id);
  });

  test('unbounded combinators publish every task too (they leave the batch path while traced)', async () => {
    const { events } = record();
    await TaskGroup.all([() => 1, () => sleep(1).then(() => 2), 3]);
    await TaskGroup.map([1, 2], (n) => n * 2);
    expect(events.filter(([event]) => event === 'start')).toHaveLength(5);
    expect(events.filter(([, , outcome]) => outcome === 'fulfilled')).toHaveLength(5);
    // A task that returns a plain value settles at once: its end follows its start directly.
    expect(events.slice(0, 3)).toEqual([
      ['start', 'A', undefined],
      ['end', 'A', 'fulfilled'],
      ['start', 'B', undefined],
    ]);
  });

  test('a group cancelled with cancel() ends its tasks as cancelled', async () => {
    const { events } = record();
    const group = new TaskGroup();
    void group.spawn((signal) => sleep(1_000, signal));
    group.cancel();
    await group.wait();
    expect(events).toEqual([
      ['start', 'A', undefined],
      ['end', 'A', 'cancelled'],
    ]);
  });

  test('nothing is traced while nobody subscribes', async () => {
    expect(tracing()).toBe(false);
    const { events } = record();
    expect(tracing()).toBe(true);
    stop();
    expect(tracing()).toBe(false);
    await TaskGroup.all([() => 1]);
    expect(events).toEqual([]);
  });
});
