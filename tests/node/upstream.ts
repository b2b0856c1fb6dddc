import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { background } from '../../src/runtime/index';
import { useUpstream } from './scenario';

/**
 * A slow upstream on loopback: `GET /slow?ms=N&tag=T` answers after N ms. Per tag, it counts the
 * requests still open and those answered in full (a cleanly cancelled fetch is neither).
 */
export interface Upstream {
  readonly url: string;
  open(tag?: string): number;
  answered(tag?: string): number;
  /** Waits (a few seconds at most) for the requests still open to be answered, then stops. */
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const open = new Map<string, number>();
  const answered = new Map<string, number>();
  const add = (counts: Map<string, number>, tag: string, n: number) => counts.set(tag, (counts.get(tag) ?? 0) + n);
  const server = createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://upstream').searchParams;
    const tag = params.get('tag') ?? '';
    add(open, tag, 1);
    const timer = setTimeout(() => res.end('ok'), Number(params.get('ms') ?? 0));
    res.once('close', () => {
      add(open, tag, -1);
      clearTimeout(timer);
      if (res.writableFinished) add(answered, tag, 1);
    });
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sum = (counts: Map<string, number>, tag?: string) => (tag === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(tag) ?? 0));
  return {
    url: `http://127.0.0.1:${port}`,
    open: (tag) => sum(open, tag),
    answered: (tag) => sum(answered, tag),
    async close() {
      // The zombies the tests leave on purpose end on their own: cutting them would make them
      // reject (ECONNRESET) with nobody listening.
      for (let i = 0; i < 300 && sum(open) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * For a test file: starts an upstream before its tests and points the scenarios at it; after
 * them, waits for `background` to drain and stops it. `upstream()` is the running one.
 */
export function useTestUpstream(): () => Upstream {
  let upstream: Upstream | undefined;
  beforeAll(async () => {
    upstream = await startUpstream();
    useUpstream(upstream.url);
  });
  afterAll(async () => {
    await background.wait();
    await upstream?.close();
  });
  return () => upstream!;
}
