import { describe, expect, it } from 'vitest';
import { isCall, type Node } from '../../src/analysis/ast';
import type { ProgramIndex } from '../../src/analysis/program';
import { applyEdits } from '../../src/analysis/rewrite/edits';
import { findSignalApi } from '../../src/analysis/signal-api-table';
import { planEdits, receivesSignal, signalPlacement } from '../../src/analysis/signal-apis';
import { dialects } from './parse';

/** Parse `code`; `call(text)` finds the call whose source text starts with `text`. */
function setup(parse: (code: string) => ProgramIndex, code: string) {
  const index = parse(code);
  const calls = index.nodes.filter(isCall);
  const text = (node: Node) => code.slice(...node.range);
  const call = (prefix: string) => {
    const found = calls.find((node) => text(node).startsWith(prefix));
    if (!found) throw new Error(`no call starting with ${prefix}`);
    return found;
  };
  /** The call's source after passing `signal` as planned (the call text unchanged when no plan). */
  const withSignal = (prefix: string, signal = 'signal') => {
    const node = call(prefix);
    const plan = signalPlacement(node, index, signal);
    return plan ? applyEdits(text(node), planEdits(plan, code), node.range[0]) : undefined;
  };
  return { index, call, withSignal };
}

describe.each(Object.entries(dialects))('signal-accepting APIs (%s)', (_name, parse) => {
  it('knows the global fetch, not a local one, and names each API', () => {
    const { index, call } = setup(
      parse,
      `fetch(url); globalThis.fetch(url);`,
    );
    expect(findSignalApi(call('fetch(url)'), index)?.label).toBe('fetch');
    expect(findSignalApi(call('globalThis.fetch'), index)?.label).toBe('fetch');
    const local = setup(parse, `function f(fetch) { fetch(url); }`);
    expect(findSignalApi(local.call('fetch'), local.index)).toBeUndefined();
  });

  it('tells node:timers/promises setTimeout from the global timer', () => {
    const { index, call } = setup(
      parse,
      `import { setTimeout as sleep, scheduler } from 'node:timers/promises';
       sleep(10); setTimeout(() => {}, 10); scheduler.wait(5);`,
    );
    expect(findSignalApi(call('sleep'), index)).toMatchObject({ label: 'setTimeout of node:timers/promises', returnsPromise: true });
    expect(findSignalApi(call('setTimeout'), index)).toBeUndefined();
    expect(findSignalApi(call('scheduler.wait'), index)?.label).toBe('scheduler.wait of node:timers/promises');
  });

  it('resolves fs.promises, CommonJS requires, axios instances, got and ky', () => {
    const { index, call } = setup(
      parse,
      `const fs = require('fs');
       const { exec } = require('node:child_process');
       const axios = require('axios');
       const api = axios.create({ baseURL });
       const got = require('got');
       fs.promises.readFile(p); exec('ls'); api.post('/x', body); got.get(url); axios(url); got(url);`,
    );
    expect(findSignalApi(call('fs.promises.readFile'), index)?.label).toBe('readFile of node:fs/promises');
    expect(findSignalApi(call('exec'), index)).toMatchObject({ label: 'exec of node:child_process', returnsPromise: false });
    expect(findSignalApi(call('api.post'), index)?.label).toBe('axios.post');
    expect(findSignalApi(call('got.get'), index)?.label).toBe('got.get');
    expect(findSignalApi(call('axios(url)'), index)?.label).toBe('axios');
    expect(findSignalApi(call('axios.create'), index)).toBeUndefined();
  });

  it('places the signal where each API takes it', () => {
    const { withSignal } = setup(
      parse,
      `import { setTimeout as sleep } from 'node:timers/promises';
       import { once } from 'node:events';
       import { readFile, writeFile } from 'node:fs/promises';
       import { pipeline } from 'node:stream/promises';
       import { exec, spawn } from 'node:child_process';
       import axios from 'axios';
       fetch(a); fetch(b, { method: 'POST' }); fetch(c, init); fetch(d, {});
       sleep(10); sleep(20, 'v');
       once(emitter, 'ready');
       readFile(p, 'utf8'); readFile(q); writeFile(p, data, { mode: 0o600, });
       pipeline(src, gz, dst); pipeline(src, dst, { end: false });
       exec('ls', (err) => {}); spawn('ls', ['-l']); spawn('ls', args, opts);
       axios.post(u, data); axios({ url: u }); axios.get(u, config);`,
    );
    expect(withSignal('fetch(a')).toBe('fetch(a, { signal })');
    expect(withSignal('fetch(b')).toBe(`fetch(b, { method: 'POST', signal })`);
    expect(withSignal('fetch(c')).toBe('fetch(c, { ...init, signal })');
    expect(withSignal('fetch(d')).toBe('fetch(d, { signal })');
    expect(withSignal('sleep(10')).toBe('sleep(10, undefined, { signal })');
    expect(withSignal('sleep(20')).toBe(`sleep(20, 'v', { signal })`);
    expect(withSignal('once(')).toBe(`once(emitter, 'ready', { signal })`);
    expect(withSignal(`readFile(p`)).toBe(`readFile(p, { encoding: 'utf8', signal })`);
    expect(withSignal('readFile(q')).toBe('readFile(q, { signal })');
    expect(withSignal('writeFile(')).toBe('writeFile(p, data, { mode: 0o600, signal, })');
    expect(withSignal('pipeline(src, gz')).toBe('pipeline(src, gz, dst, { signal })');
    expect(withSignal('pipeline(src, dst')).toBe('pipeline(src, dst, { end: false, signal })');
    expect(withSignal('exec(')).toBe(`exec('ls', { signal }, (err) => {})`);
    expect(withSignal(`spawn('ls', [`)).toBe(`spawn('ls', ['-l'], { signal })`);
    expect(withSignal(`spawn('ls', args`)).toBe(`spawn('ls', args, { ...opts, signal })`);
    expect(withSignal('axios.post')).toBe('axios.post(u, data, { signal })');
    expect(withSignal('axios({')).toBe('axios({ url: u, signal })');
    expect(withSignal('axios.get', 'group.signal')).toBe('axios.get(u, { ...config, signal: group.signal })');
  });

  it('sees a signal already given, and then plans nothing', () => {
    const { index, call, withSignal } = setup(
      parse,
      `fetch(a, { signal }); fetch(b, { signal: ctrl.signal }); fetch(c, { ...init, signal: AbortSignal.timeout(5) });
       import { setTimeout as sleep } from 'node:timers/promises';
       sleep(1, undefined, { signal: group.signal }); fetch(d, init);`,
    );
    for (const prefix of ['fetch(a', 'fetch(b', 'fetch(c', 'sleep(']) {
      expect(receivesSignal(call(prefix))).toBe(true);
      expect(withSignal(prefix)).toBeUndefined();
    }
    expect(receivesSignal(call('fetch(d'))).toBe(false);
    expect(receivesSignal(call('fetch(d'), { hasSignalProperty: () => true })).toBe(false);
    expect(withSignal('fetch(d')).toBe('fetch(d, { ...init, signal })');
    const spread = setup(parse, `fetch(e, { ...init });`);
    expect(receivesSignal(spread.call('fetch'))).toBe(false);
    expect(receivesSignal(spread.call('fetch'), { hasSignalProperty: () => true })).toBe(true);
    expect(index.isCommonJS).toBe(false);
  });
});
