import { afterEach, describe, expect, test, vi } from 'vitest';
import { type TaskMonitor, type TaskMonitorOptions, taskMonitor, type ZombieFollowUp, type ZombieReport } from '../../src/node/index';
import { armGate, intervals, lineOf, SLOW_MS, siteOf } from './scenario';
import { FRAMEWORKS, type Framework, type Server, startServer } from './servers';
import { useTestUpstream } from './upstream';

const upstream = useTestUpstream();

/** Requests over real HTTP on loopback; `onZombie` and `onFollowUp` collect what the monitor says. */
async function serve(framework: Framework, options: TaskMonitorOptions) {
  const reports: ZombieReport[] = [];
  const followUps: ZombieFollowUp[] = [];
  const monitor = taskMonitor({ grace: 200, ...options, onZombie: (report) => reports.push(report), onFollowUp: (followUp) => followUps.push(followUp) });
  return { reports, followUps, monitor, get: await open(framework, monitor) };
}

/** Starts a server with `monitor`; the returned `get` waits until the monitor handled the response's end. */
async function open(framework: Framework, monitor: TaskMonitor) {
  const server = await startServer(framework, monitor);
  opened.push({ server, monitor });
  return async (path: string) => {
    const before = monitor.stats().requests;
    const response = await fetch(`${server.url}${path}`);
    const body = await response.text();
    await until(() => monitor.stats().requests > before, 'the monitor never saw the response finish');
    return { status: response.status, body };
  };
}

const opened: { server: Server; monitor: TaskMonitor }[] = [];
afterEach(async () => {
  for (const { server, monitor } of opened.splice(0)) {
    monitor.close();
    await server.close();
  }
  for (const interval of intervals.splice(0)) clearInterval(interval);
});

async function until(condition: () => boolean, message: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error(message);
}

/** What a report says, without stacks: `[count, kind, name, site]` per group. */
function groupsOf(report: ZombieReport | undefined) {
  return report?.groups.map(({ count, kind, name, site, late }) => [count, kind, name, site, late ?? false]);
}

describe.each<Framework>(FRAMEWORKS)('taskMonitor on %s', (framework) => {
  const route = (pattern: string, path: string) => (framework === 'node' ? path : pattern);

  test('the Promise.all endpoint: one report, 3 timers still running, started in the tasks the combinator line called', async () => {
    const { reports, get } = await serve(framework, { promises: true });
    const { status, body } = await get('/promise-all/7?verbose=1');
    expect(status).toBe(502);
    expect(body).toBe('failed: task of 1 units failed');
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report!.method).toBe('GET');
    expect(report!.route).toBe(route('/promise-all/:id', '/promise-all/7'));
    expect(report!.url).toBe('/promise-all/7?verbose=1');
    expect(groupsOf(report)).toEqual([[3, 'promise', 'setTimeout', expect.stringMatching(siteOf('await sleep(units')), false]]);
    for (const zombie of report!.zombies) expect(zombie.stack).toContain(lineOf('await Promise.all('));
  });

  test('the TaskGroup endpoint leaves nothing running, in promise and in counting mode', async () => {
    for (const promises of [true, false]) {
      const { reports, followUps, monitor, get } = await serve(framework, { promises });
      const { status, body } = await get('/task-group/7');
      expect(status).toBe(502);
      expect(body).toBe('failed: task of 1 units failed');
      expect(reports).toEqual([]);
      expect(followUps).toEqual([]);
      expect(monitor.stats()).toMatchObject({ requests: 1, reported: 0, zombies: 0, late: 0 });
    }
  });

  test('counting mode sees a task handed to background, with the line that spawned it', async () => {
    const { reports, monitor, get } = await serve(framework, { captureStacks: true });
    expect((await get('/detach')).status).toBe(202);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.route).toBe('/detach');
    expect(reports[0]!.zombies).toEqual([
      { kind: 'task', name: 'TaskGroup.spawn', group: 'background', site: expect.stringMatching(/^tests\/node\/servers\.ts:\d+:\d+$/), stack: expect.any(String) },
    ]);
    expect(reports[0]!.zombies[0]!.stack!.split('\n')[0]).toMatch(/at detach \(.*servers\.ts:\d+:\d+\)/);
    expect(monitor.stats()).toMatchObject({ requests: 1, reported: 1, zombies: 1, late: 0 });
  });

  test('counting mode does not see plain promises', async () => {
    const { reports, get } = await serve(framework, {});
    await get('/promise-all/1');
    await get('/fan-out');
    expect(reports).toEqual([]);
  });

  test('fetches left running after the response: 4× fetch at the user\'s line, not the promises inside fetch', async () => {
    const { reports, monitor, get } = await serve(framework, { promises: true });
    expect((await get('/fan-out')).status).toBe(202);
    expect(reports).toHaveLength(1);
    expect(groupsOf(reports[0])).toEqual([[4, 'promise', 'fetch', expect.stringMatching(siteOf('Promise.allSettled(pages().map((url) => fetch(url)))')), false]]);
    expect(reports[0]!.zombies).toHaveLength(4);
    expect(monitor.stats()).toMatchObject({ requests: 1, reported: 1, zombies: 4 });
  });

  test('tasks left running after the response: 4 tasks in both modes, their fetches folded under them', async () => {
    for (const promises of [false, true]) {
      const { reports, get } = await serve(framework, { promises, captureStacks: true });
      await get('/task-fan-out');
      expect(reports).toHaveLength(1);
      expect(groupsOf(reports[0])).toEqual([[4, 'task', 'TaskGroup.allSettled', expect.stringMatching(siteOf('await TaskGroup.allSettled(pages()')), false]]);
    }
  });

  test('a timer set before the response whose callback runs after it: reported, and still running at the follow-up', async () => {
    const { reports, followUps, get } = await serve(framework, { promises: true });
    await get('/timer');
    expect(reports).toHaveLength(1);
    expect(groupsOf(reports[0])).toEqual([[1, 'timer', 'setTimeout', expect.stringMatching(siteOf('setTimeout(async () => {')), false]]);
    // The callback starts at once and fetches for SLOW_MS: 200 ms after the response it still runs.
    await until(() => followUps.length === 1, 'no follow-up');
    expect(followUps[0]).toMatchObject({ running: 1, zombies: [{ kind: 'timer', outcome: 'running' }] });
    expect(followUps[0]!.afterMs).toBeGreaterThanOrEqual(190);
  });

  test('work that begins after the response is reported when it starts: tasks in counting mode, everything in promise mode', async () => {
    for (const promises of [false, true]) {
      const { reports, monitor, get } = await serve(framework, { promises });
      const openGate = armGate();
      expect((await get('/late')).status).toBe(202);
      expect(reports).toEqual([]);
      openGate();
      await until(() => reports.length === 1, 'the late work was never reported');
      const tasks = [2, 'task', 'TaskGroup.all', expect.stringMatching(siteOf('await TaskGroup.all([(signal) => sleep(')), true];
      const fetches = [1, 'promise', 'fetch', expect.stringMatching(siteOf('void fetch(slow());')), true];
      expect(groupsOf(reports[0])).toEqual(promises ? [tasks, fetches] : [tasks]);
      expect(monitor.stats()).toMatchObject({ requests: 1, reported: 1, zombies: promises ? 3 : 2, late: promises ? 3 : 2 });
    }
  });

  test('work cancelled cleanly and only unwinding is not reported', async () => {
    for (const promises of [true, false]) {
      const { reports, get } = await serve(framework, { promises });
      const tag = `cancelled-${framework}-${promises}`;
      expect(await get(`/cancelled/${tag}`)).toEqual({ status: 200, body: 'timer' });
      // Cancelled, not left running: nothing of theirs is open upstream once the response is out.
      await until(() => upstream().open(tag) === 0, 'a cancelled fetch is still open upstream');
      expect(upstream().answered(tag)).toBe(0);
      expect(reports).toEqual([]);
    }
  });

  test('the losers of Promise.race: one fetch at each of their two lines', async () => {
    const { reports, get } = await serve(framework, { promises: true });
    expect(await get('/race')).toEqual({ status: 200, body: 'timer' });
    expect(groupsOf(reports[0])).toEqual([
      [1, 'promise', 'fetch', expect.stringMatching(siteOf('const fetchA = () => fetch(slow())')), false],
      [1, 'promise', 'fetch', expect.stringMatching(siteOf('const fetchB = () => fetch(slow())')), false],
    ]);
  });

  test('node:http requests awaited through new Promise: one per request, at the user\'s line', async () => {
    const { reports, get } = await serve(framework, { promises: true });
    await get('/http-get');
    expect(groupsOf(reports[0])).toEqual([[4, 'promise', 'new Promise', expect.stringMatching(siteOf('pages().map((url) => new Promise(')), false]]);
  });

  test('an interval never cleared: reported, and still running at the follow-up', async () => {
    const { reports, followUps, get } = await serve(framework, { promises: true, grace: 100 });
    await get('/interval');
    expect(groupsOf(reports[0])).toEqual([[1, 'timer', 'setInterval', expect.stringMatching(siteOf('intervals.push(setInterval(')), false]]);
    await until(() => followUps.length === 1, 'no follow-up');
    expect(followUps[0]!.zombies).toEqual([expect.objectContaining({ kind: 'timer', outcome: 'running' })]);
  });

  test('a zombie that ends a moment after the response: the follow-up says when, as soon as it ended', async () => {
    const { reports, followUps, get } = await serve(framework, { promises: true, grace: 5_000 });
    const started = performance.now();
    await get('/quick');
    expect(groupsOf(reports[0])).toEqual([[1, 'promise', 'fetch', expect.stringMatching(siteOf('await fetch(slow(60))')), false]]);
    await until(() => followUps.length === 1, 'no follow-up');
    expect(performance.now() - started).toBeLessThan(2_000);
    const [zombie] = followUps[0]!.zombies;
    expect(followUps[0]!.running).toBe(0);
    expect(zombie!.outcome).toBe('settled');
    expect(zombie!.settledAfterMs).toBeGreaterThan(20);
    expect(zombie!.settledAfterMs).toBeLessThan(SLOW_MS * 4);
  });
});

describe('taskMonitor reporting', () => {
  test('by default, one console.warn with the count, the route, a line per group and the first stack', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const monitor = taskMonitor({ promises: true, grace: 0 });
      await (await open('express', monitor))('/promise-all/3');
      expect(warn).toHaveBeenCalledTimes(1);
      const text = String(warn.mock.calls[0]![0]);
      expect(text).toMatch(
        /^\[taskgroup\] 3 operations still running after GET \/promise-all\/:id responded:\n {2}3× setTimeout at tests\/node\/scenario\.ts:\d+:\d+\nfirst started\n {4}at task /,
      );
      expect(text).toContain(lineOf('await Promise.all('));
    } finally {
      warn.mockRestore();
    }
  });

  test('by default, the follow-up is one console.warn while something runs, one console.info once all ended', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const monitor = taskMonitor({ promises: true, grace: 100 });
      const get = await open('express', monitor);
      await get('/interval');
      await until(() => warn.mock.calls.length === 2, 'no follow-up');
      expect(String(warn.mock.calls[1]![0])).toMatch(/^\[taskgroup\] \d+ ms after GET \/interval responded: 1 of 1 operation still running:\n {2}1× setInterval at /);
      await get('/quick');
      await until(() => info.mock.calls.length === 1, 'no follow-up');
      expect(String(info.mock.calls[0]![0])).toMatch(/^\[taskgroup\] \d+ ms after GET \/quick responded: all 1 operation it left running have ended \(the last \d+ ms after the response\): slow cleanup, not a leak$/);
    } finally {
      warn.mockRestore();
      info.mockRestore();
    }
  });

  test('captureStacks left unset: a report without stacks turns them on for the next requests', async () => {
    const { reports, get } = await serve('express', {});
    await get('/detach');
    await get('/detach');
    expect(reports.map((report) => report.zombies[0]!.site)).toEqual([undefined, expect.stringMatching(/^tests\/node\/servers\.ts:/)]);
  });

  test('an onZombie that throws is logged and the app keeps serving', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const monitor = taskMonitor({
        grace: 0,
        onZombie: () => {
          throw new Error('reporter down');
        },
      });
      const get = await open('express', monitor);
      expect((await get('/detach')).status).toBe(202);
      expect((await get('/detach')).status).toBe(202);
      expect(monitor.stats()).toMatchObject({ requests: 2, reported: 2, zombies: 2 });
      expect(error).toHaveBeenCalledWith('[taskgroup] taskMonitor: onZombie threw', expect.objectContaining({ message: 'reporter down' }));
    } finally {
      error.mockRestore();
    }
  });

  test('what onZombie starts is not the request\'s work', async () => {
    const { monitor, get } = await serve('express', {
      promises: true,
      onZombie: () => void new Promise((resolve) => setTimeout(resolve, 50)),
    });
    await get('/race');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(monitor.stats()).toMatchObject({ reported: 1, zombies: 2, late: 0 });
  });

  test('bad options are a clear TypeError', () => {
    expect(() => taskMonitor({ onZombie: 'warn' } as never)).toThrow('taskMonitor: "onZombie" must be a function');
    expect(() => taskMonitor({ onFollowUp: 1 } as never)).toThrow('taskMonitor: "onFollowUp" must be a function');
    expect(() => taskMonitor({ grace: -1 })).toThrow('taskMonitor: "grace" must be a number of milliseconds, 0 or more');
    expect(() => taskMonitor({ grace: Infinity })).toThrow('"grace" must be a number');
    expect(() => taskMonitor({ stacks: true } as never)).toThrow('taskMonitor: unknown option "stacks"');
    expect(() => taskMonitor(null as never)).toThrow('taskMonitor: options must be an object');
    const monitor = taskMonitor();
    expect(() => monitor.wrap('handler' as never)).toThrow('taskMonitor.wrap expects a request listener');
    monitor.close();
  });
});
