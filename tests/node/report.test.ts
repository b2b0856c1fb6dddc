import { describe, expect, test } from 'vitest';
import { calleeName, createdInside, framesOf, isLibrary, isUser, keyOf, siteOf, userIndex } from '../../src/node/frames';
import { describeGroup, groupZombies, type Zombie } from '../../src/node/report';

const stack = (...frames: string[]) => ({ stack: ['Error', ...frames.map((frame) => `    at ${frame}`)].join('\n') });

describe('frames', () => {
  const fetchStack = framesOf(
    stack(
      'emitInitNative (node:internal/async_hooks:202:43)',
      'new Promise (<anonymous>)',
      'createDeferredPromise (node:internal/deps/undici/undici:4582:23)',
      'fetch (node:internal/bootstrap/web/exposed-window-or-worker:72:12)',
      `${process.cwd()}/src/report.ts:22:46`,
      'Array.map (<anonymous>)',
      `async buildReport (file://${process.cwd()}/src/report.ts:22:31)`,
      `handle (${process.cwd()}/node_modules/express/lib/router.js:10:5)`,
    ),
  );

  test('the hook machinery is left out; built-ins, libraries and the user\'s code are told apart', () => {
    expect(fetchStack.map((frame) => [frame.name, frame.file === undefined ? 'builtin' : isUser(frame) ? 'user' : isLibrary(frame) ? 'library' : '?'])).toEqual([
      ['new Promise', 'builtin'],
      ['createDeferredPromise', 'library'],
      ['fetch', 'library'],
      [undefined, 'user'],
      ['Array.map', 'builtin'],
      ['buildReport', 'user'],
      ['handle', 'library'],
    ]);
  });

  test('attribution: the innermost user frame, the call it made, its site relative to the working folder', () => {
    const user = userIndex(fetchStack);
    expect(user).toBe(3);
    expect(calleeName(fetchStack, user)).toBe('fetch');
    expect(siteOf(fetchStack[user]!)).toBe('src/report.ts:22:46');
    expect(siteOf(fetchStack[5]!)).toBe('src/report.ts:22:31');
    expect(calleeName(framesOf(stack('Object.get [as get] (node:http:1:1)', '/app/x.js:1:1')), 1)).toBe('get');
  });

  test('createdInside: made while the call that made the other was running', () => {
    const outer = framesOf(stack('new Promise (<anonymous>)', '/app/a.js:5:10', '/app/a.js:20:3'));
    const inner = framesOf(stack('setTimeout (node:timers:1:1)', '/app/a.js:5:30', 'new Promise (<anonymous>)', '/app/a.js:5:10', '/app/a.js:20:3'));
    const after = framesOf(stack('setTimeout (node:timers:1:1)', '/app/a.js:21:3'));
    expect(createdInside(inner, outer)).toBe(true);
    expect(createdInside(after, outer)).toBe(false);
    expect(keyOf(inner, 2, 4)).toBe('at new Promise (<anonymous>)\nat /app/a.js:5:10\n');
  });
});

describe('groups', () => {
  const fetchAt = (site: string, extra: Partial<Zombie> = {}): Zombie => ({ kind: 'promise', name: 'fetch', site, ...extra });

  test('grouped by what started them, largest first, with outcomes counted', () => {
    const groups = groupZombies([
      fetchAt('src/a.ts:1:1', { outcome: 'settled' }),
      { kind: 'timer', name: 'setInterval', site: 'src/b.ts:2:2', outcome: 'running' },
      fetchAt('src/a.ts:1:1', { outcome: 'running' }),
      fetchAt('src/a.ts:1:1', { outcome: 'settled' }),
      fetchAt('src/a.ts:1:1', { late: true }),
    ]);
    expect(groups).toEqual([
      { count: 3, kind: 'promise', name: 'fetch', site: 'src/a.ts:1:1', outcomes: { settled: 2, running: 1 } },
      { count: 1, kind: 'timer', name: 'setInterval', site: 'src/b.ts:2:2', outcomes: { running: 1 } },
      { count: 1, kind: 'promise', name: 'fetch', site: 'src/a.ts:1:1', late: true },
    ]);
  });

  test('one line each', () => {
    expect(describeGroup({ count: 3, kind: 'promise', name: 'fetch', site: 'src/report.ts:22:18' })).toBe('3× fetch at src/report.ts:22:18');
    expect(describeGroup({ count: 1, kind: 'task', name: 'TaskGroup.all', group: 'feeds', site: 'src/f.ts:9:5', late: true })).toBe(
      '1× task "feeds" (TaskGroup.all) at src/f.ts:9:5, started after the response',
    );
    expect(describeGroup({ count: 2, kind: 'task' })).toBe('2× task');
    expect(describeGroup({ count: 1, kind: 'promise', name: 'fetch', site: 's.ts:1:1', cancelled: true })).toBe(
      '1× fetch at s.ts:1:1, still running after its task was cancelled',
    );
  });
});
