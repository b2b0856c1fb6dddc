import { describe, expect, it } from 'vitest';
import { TaskGroup, taskStats } from '../../src/runtime/index';
import { Boom, failOnUnhandledRejection, sleep, untilAborted } from './helpers';

failOnUnhandledRejection();

describe('13. taskStats', () => {
  it('counts created, active, settled, failed and cancelled tasks and open groups', async () => {
    const before = taskStats();
    const group = new TaskGroup({ limit: 2 });
    expect(taskStats().groups - before.groups).toBe(1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    void group.spawn(() => gate);
    void group.spawn((signal) => untilAborted(signal));
    void group.spawn(() => 'queued');
    const during = taskStats();
    expect(during.created - before.created).toBe(3);
    expect(during.active - before.active).toBe(3);
    release();
    await sleep(1);
    expect(taskStats().active - before.active).toBe(1); // the queued task ran; one task is still waiting
    void group.spawn(() => Promise.reject(new Boom()));
    await expect(group.wait()).rejects.toBeInstanceOf(Boom);
    const after = taskStats();
    expect(after).toEqual({
      active: before.active,
      created: before.created + 4,
      settled: before.settled + 4,
      failed: before.failed + 1,
      cancelled: before.cancelled + 1,
      groups: before.groups,
    });
  });

  it('returns a fresh snapshot each call', () => {
    const a = taskStats();
    const b = taskStats();
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(a.active).toBe(a.created - a.settled);
  });
});
