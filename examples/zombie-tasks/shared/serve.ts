// What both versions of the service share: the upstream test server, the job log,
// `GET /task-status`, error handling and the listening socket. Each version (`src/`,
// `before/`) adds its own routes and background jobs through `mount`.
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { AddressInfo } from 'node:net';
import { taskStats } from 'eslint-plugin-taskgroup/task-group';
import { BadRequest, type BatchOptions, startBatch } from './batch.js';
import { type Job, JobLog } from './jobs.js';
import { startUpstream, type Upstream } from './upstream.js';

export interface ServiceContext {
  readonly upstream: Upstream;
  readonly jobs: JobLog;
  /** Validates a posted batch (`{ "urls": [...] }`, or none for the default one) and starts its job. */
  startBatch(req: Request, kind: string): { job: Job; urls: string[] };
  /** Period of the feed refresh job, in ms. */
  readonly refreshMs: number;
}

/**
 * Adds a version's routes and jobs; returns what stops its jobs on shutdown, and optionally
 * more fields for `GET /task-status`.
 */
export type Mount = (app: Express, context: ServiceContext) => { stop(): Promise<void> | void; status?(): Record<string, unknown> };

export interface ServeOptions {
  /** Aborting it closes the service. */
  signal: AbortSignal;
  env?: Record<string, string | undefined>;
}

export async function serve(mount: Mount, { signal, env = process.env }: ServeOptions): Promise<void> {
  const upstream = await startUpstream();
  const jobs = new JobLog();
  const batch: BatchOptions = { upstream: upstream.url, slowMs: readMs(env, 'SLOW_MS', 4_000) };
  const context: ServiceContext = {
    upstream,
    jobs,
    startBatch: (req, kind) => startBatch(req, kind, jobs, batch),
    refreshMs: readMs(env, 'REFRESH_MS', 30_000),
  };

  const app = express();
  app.use(express.json());
  app.get('/task-status', (_req, res) => {
    res.json({ ...status(context), ...routes.status?.() });
  });
  const routes = mount(app, context);
  app.use(errorHandler);

  const server = app.listen(readMs(env, 'PORT', 0), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve).once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  // The first line on stdout is for programs that start the service (tests, `npm start`).
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, upstream: upstream.url }));

  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await routes.stop();
  await upstream.close();
}

function status({ upstream, jobs }: ServiceContext) {
  const now = Date.now();
  return {
    tasks: taskStats(),
    upstream: { inFlight: upstream.inFlight() },
    jobs: jobs.list().map((job) => ({
      id: job.id,
      kind: job.kind,
      state: job.state,
      detail: job.detail,
      ms: (job.settledAt ?? now) - job.startedAt,
      inFlight: upstream.inFlight(job.id),
    })),
  };
}

const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof BadRequest) {
    res.status(error.status).json({ error: error.message });
    return;
  }
  // express.json() marks its parse errors with a 4xx status.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({ error: (error as Error).message });
    return;
  }
  console.error(error);
  res.status(500).json({ error: 'internal error' });
};

function readMs(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}
