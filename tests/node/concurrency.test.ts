import { describe, expect, test } from 'vitest';
import { taskMonitor, type ZombieReport } from '../../src/node/index';
import { siteOf } from './scenario';
import { type Framework, startServer } from './servers';
import { useTestUpstream } from './upstream';

useTestUpstream();

const CLEAN = 150;
const DIRTY = 50;

/**
 * 150 clean and 50 dirty requests at once, the dirty ones leaving 1, 2 or 3 operations each: every
 * dirty request gets exactly one report, with exactly its own work; no clean one gets any.
 */
describe.each<Framework>(['express', 'fastify', 'node'])('concurrent requests on %s', (framework) => {
  test.each([
    { mode: 'promise mode, floating fetches', options: { promises: true }, path: 'dirty', kind: 'promise', name: 'fetch', line: 'void fetch(slow()).then(' },
    { mode: 'counting mode, background tasks', options: {}, path: 'dirty-tasks', kind: 'task', name: 'TaskGroup.spawn', line: 'void background.spawn((signal) => sleep(SLOW_MS' },
  ])('$mode', async ({ options, path, kind, name, line }) => {
    const reports: ZombieReport[] = [];
    const monitor = taskMonitor({ ...options, captureStacks: true, grace: 0, onZombie: (report) => reports.push(report) });
    const server = await startServer(framework, monitor);
    try {
      const left = (i: number) => (i < DIRTY ? 1 + (i % 3) : 0);
      const responses = await Promise.all(
        Array.from({ length: CLEAN + DIRTY }, (_, i) => fetch(`${server.url}/${path}/${left(i)}?id=${i}`).then((response) => response.text())),
      );
      expect(responses.filter((body) => body === 'left 0')).toHaveLength(CLEAN);
      for (let i = 0; i < 100 && monitor.stats().requests < CLEAN + DIRTY; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(monitor.stats()).toMatchObject({ requests: CLEAN + DIRTY, reported: DIRTY });
      expect(reports).toHaveLength(DIRTY);
      for (const report of reports) {
        const id = Number(/[?&]id=(\d+)/.exec(report.url)![1]);
        expect(report.zombies).toHaveLength(left(id));
        expect(report.groups).toEqual([expect.objectContaining({ count: left(id), kind, name, site: expect.stringMatching(siteOf(line)) })]);
      }
    } finally {
      monitor.close();
      await server.close();
    }
  }, 60_000);
});

test('a concurrent mix of scenarios (promise mode, express): each request reports its own kind of work, once', async () => {
  const reports: ZombieReport[] = [];
  const monitor = taskMonitor({ promises: true, grace: 0, onZombie: (report) => reports.push(report) });
  const server = await startServer('express', monitor);
  const expected: Record<string, [number, string, string, RegExp][]> = {
    '/fan-out': [[4, 'promise', 'fetch', siteOf('Promise.allSettled(pages().map((url) => fetch(url)))')]],
    '/task-fan-out': [[4, 'task', 'TaskGroup.allSettled', siteOf('await TaskGroup.allSettled(pages()')]],
    '/timer': [[1, 'timer', 'setTimeout', siteOf('setTimeout(async () => {')]],
    '/race': [
      [1, 'promise', 'fetch', siteOf('const fetchA = () => fetch(slow())')],
      [1, 'promise', 'fetch', siteOf('const fetchB = () => fetch(slow())')],
    ],
    '/task-group/1': [],
    '/dirty/0': [],
  };
  try {
    const paths = Object.keys(expected).flatMap((path) => Array.from({ length: 8 }, (_, i) => `${path}?id=${i}`));
    await Promise.all(paths.map((path) => fetch(`${server.url}${path}`).then((response) => response.text())));
    for (let i = 0; i < 100 && monitor.stats().requests < paths.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(monitor.stats().requests).toBe(paths.length);
    expect(reports).toHaveLength(4 * 8);
    for (const report of reports) {
      const want = expected[report.url.replace(/\?.*/, '')]!;
      expect(report.groups.map(({ count, kind, name, site }) => [count, kind, name, site])).toEqual(
        want.map(([count, kind, name, site]) => [count, kind, name, expect.stringMatching(site)]),
      );
    }
  } finally {
    monitor.close();
    await server.close();
  }
}, 60_000);
