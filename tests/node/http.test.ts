import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { background } from '../../src/runtime/index';
import { type TaskMonitor, taskMonitor, type ZombieReport } from '../../src/node/index';
import { lineOf } from './scenario';
import { type Framework, type Server, startServer } from './servers';

/** Requests over real HTTP on loopback; `onZombie` collects the reports. */
async function serve(framework: Framework, options: Parameters<typeof taskMonitor>[0]) {
  const reports: ZombieReport[] = [];
  const monitor = taskMonitor({ ...options, onZombie: (report) => reports.push(report) });
  return { reports, monitor, get: await open(framework, monitor) };
}

/** Starts a server with `monitor`; the returned `get` waits until the monitor handled the response's end. */
async function open(framework: Framework, monitor: TaskMonitor) {
  const server = await startServer(framework, monitor);
  opened.push({ server, monitor });
  return async (path: string) => {
    const before = monitor.stats().requests;
    const response = await fetch(`${server.url}${path}`);
    const body = await response.text();
    await until(() => monitor.stats().requests > before);
    return { status: response.status, body };
  };
}

const opened: { server: Server; monitor: TaskMonitor }[] = [];
afterEach(async () => {
  for (const { server, monitor } of opened.splice(0)) {
    monitor.close();
    await server.close();
  }
});
afterAll(() => background.wait());

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('the monitor never saw the response finish');
}

describe.each<Framework>(['express', 'fastify', 'fastify-hooks'])('taskMonitor on %s', (framework) => {
  test('reports the Promise.all endpoint: 3 promises still running, started on the combinator line', async () => {
    const { reports, get } = await serve(framework, { promises: true });
    const { status, body } = await get('/promise-all/7?verbose=1');
    expect(status).toBe(502);
    expect(body).toBe('failed: task of 1 units failed');
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report!.method).toBe('GET');
    expect(report!.route).toBe('/promise-all/:id');
    expect(report!.zombies).toHaveLength(3);
    for (const zombie of report!.zombies) {
      expect(zombie.kind).toBe('promise');
      expect(zombie.stack).toContain(lineOf('await Promise.all('));
    }
  });

  test('the TaskGroup endpoint leaves nothing running, in promise and in counting mode', async () => {
    for (const promises of [true, false]) {
      const { reports, monitor, get } = await serve(framework, { promises });
      const { status, body } = await get('/task-group/7');
      expect(status).toBe(502);
      expect(body).toBe('failed: task of 1 units failed');
      expect(reports).toEqual([]);
      expect(monitor.stats()).toMatchObject({ requests: 1, reported: 0, zombies: 0 });
    }
  });

  test('counting mode sees a task handed to background, with the line that spawned it', async () => {
    const { reports, monitor, get } = await serve(framework, { captureStacks: true });
    expect((await get('/detach')).status).toBe(202);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.route).toBe('/detach');
    expect(reports[0]!.zombies).toEqual([{ kind: 'task', group: 'background', stack: expect.stringContaining('servers.ts') }]);
    expect(reports[0]!.zombies[0]!.stack!.split('\n')[0]).toMatch(/at detach \(.*servers\.ts:\d+:\d+\)/);
    expect(monitor.stats()).toMatchObject({ requests: 1, reported: 1, zombies: 1 });
  });

  test('counting mode does not see plain promises', async () => {
    const { reports, get } = await serve(framework, {});
    await get('/promise-all/1');
    expect(reports).toEqual([]);
  });
});

describe('taskMonitor reporting', () => {
  test('by default, one console.warn line with the count, the route and the first stack', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const monitor = taskMonitor({ promises: true });
      await (await open('express', monitor))('/promise-all/3');
      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0]![0]);
      expect(line).toMatch(/^\[taskgroup\] 3 promises still running after GET \/promise-all\/:id responded; first one started\n {4}at /);
      expect(line).toContain(lineOf('await Promise.all('));
    } finally {
      warn.mockRestore();
    }
  });

  test('an onZombie that throws is logged and the app keeps serving', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const monitor = taskMonitor({
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

  test('bad options are a clear TypeError', () => {
    expect(() => taskMonitor({ onZombie: 'warn' } as never)).toThrow('taskMonitor: "onZombie" must be a function');
    expect(() => taskMonitor({ stacks: true } as never)).toThrow('taskMonitor: unknown option "stacks"');
    expect(() => taskMonitor(null as never)).toThrow('taskMonitor: options must be an object');
  });
});
