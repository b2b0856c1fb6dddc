// The upstream the service fetches from: a local test server on 127.0.0.1 with an
// ephemeral port. It counts the requests that are open and neither finished nor aborted,
// per job (the `job` query parameter) and in total: a zombie fetch shows up here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  readonly url: string;
  /** Requests open right now, for one job or (without an id) in total. */
  inFlight(job?: string): number;
  close(): Promise<void>;
}

const MAX_DELAY_MS = 60_000;

export async function startUpstream(): Promise<Upstream> {
  const open = new Map<string, number>();
  let total = 0;

  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://upstream');
    const job = searchParams.get('job') ?? '';
    total += 1;
    open.set(job, (open.get(job) ?? 0) + 1);
    // 'close' fires once per response, whether it finished or the client went away.
    res.once('close', () => {
      total -= 1;
      const left = (open.get(job) ?? 1) - 1;
      if (left === 0) open.delete(job);
      else open.set(job, left);
    });
    route(pathname, searchParams, req, res);
  });
  // Sockets of aborted fetches must not keep `close()` waiting.
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inFlight: (job) => (job === undefined ? total : (open.get(job) ?? 0)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(pathname: string, params: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const delay = Math.min(Math.max(Number(params.get('ms') ?? 0) || 0, 0), MAX_DELAY_MS);
  switch (pathname) {
    case '/slow':
      respondAfter(res, delay, 200, `page ${params.get('page') ?? ''} after ${delay} ms`);
      return;
    case '/fail':
      respondAfter(res, delay, 503, 'upstream unavailable');
      return;
    case '/notify':
      req.resume();
      req.once('end', () => respondAfter(res, 0, 204, ''));
      return;
    default:
      respondAfter(res, 0, 404, `no route ${pathname}`);
  }
}

function respondAfter(res: ServerResponse, delay: number, status: number, body: string): void {
  const timer = setTimeout(() => {
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  }, delay);
  res.once('close', () => clearTimeout(timer));
}
