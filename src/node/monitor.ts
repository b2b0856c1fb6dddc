import type { IncomingMessage, ServerResponse } from 'node:http';
import { releaseContext, retainContext, runOutside, runTracked } from './context';
import type { Op } from './operation';
import { type TaskMonitorOptions, resolveOptions } from './options';
import { groupZombies, logFollowUp, warnZombies, type Zombie, type ZombieFollowUp, type ZombieReport } from './report';
import { releaseTaskEvents, retainTaskEvents } from './task-events';
import { Tracker, type TrackerOwner } from './tracker';

/** The parts of Node's `IncomingMessage`, Express's `Request` or Fastify's request the monitor reads. */
interface RequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
  routeOptions?: { url?: string };
}
const TRACKER = Symbol('taskgroup.monitor');
/** The parts of Node's `ServerResponse` the middleware uses. */
interface ConnectResponse {
  on(event: 'finish' | 'close', listener: (this: ConnectResponse) => void): unknown;
  [TRACKER]?: Tracker;
}
type Done = (error?: Error) => void;
/** Any Fastify instance (its `addHook` is heavily overloaded: accept it whatever its types). */
interface FastifyLike {
  addHook: (...args: never[]) => unknown;
}
type AddHook = (name: 'onRequest' | 'preHandler' | 'onResponse', hook: FastifyHook) => unknown;
type FastifyHook = (request: RequestLike & { method: string; url: string }, reply: unknown, done: Done) => void;
type FastifyPlugin = ((instance: FastifyLike, options: unknown, done: Done) => void) & Record<symbol, unknown>;
type RequestListener<Req extends IncomingMessage, Res extends ServerResponse> = (req: Req, res: Res) => unknown;

export interface MonitorStats {
  /** Requests whose response finished since the monitor was created. */
  requests: number;
  /** Reports sent: requests that left work running, or that started work after their response. */
  reported: number;
  /** Operations reported, over all requests (those begun after a response included). */
  zombies: number;
  /** Of `zombies`, those that began after their request's response. */
  late: number;
  last: ZombieReport | undefined;
}

export interface TaskMonitor {
  /** Connect / Express middleware: `app.use(monitor)`. */
  (req: RequestLike, res: ConnectResponse, next: (error?: unknown) => void): void;
  /** Plain `node:http`: `http.createServer(monitor.wrap((req, res) => ...))`. */
  wrap<Req extends IncomingMessage, Res extends ServerResponse>(listener: RequestListener<Req, Res>): RequestListener<Req, Res>;
  /** Fastify plugin: `app.register(monitor.fastify)` adds the three hooks below to the whole app. */
  readonly fastify: FastifyPlugin;
  /** Fastify `onRequest` hook: starts following the request. */
  readonly onRequest: FastifyHook;
  /** Fastify `preHandler` hook: re-enters the request's context after an asynchronous body parse. */
  readonly preHandler: FastifyHook;
  /** Fastify `onResponse` hook: reports what the request left running. */
  readonly onResponse: FastifyHook;
  stats(): MonitorStats;
  /** Stops following (requests already under way still report what they had started). */
  close(): void;
}

/** With `captureStacks` left unset: after a report without stacks, this many requests take them. */
const AUTO_STACK_REQUESTS = 1000;

/**
 * Per request, the TaskGroup tasks (and with `{ promises: true }` the promises, timers and
 * immediates) it started that are still running when its response finishes, or that begin after
 * it, reported through `onZombie`; `grace` later, `onFollowUp` tells what became of them.
 */
export function taskMonitor(options?: TaskMonitorOptions): TaskMonitor {
  const resolved = resolveOptions(options, 'taskMonitor');
  const { promises, captureStacks, grace } = resolved;
  const onZombie = resolved.onZombie ?? warnZombies;
  const onFollowUp = resolved.onFollowUp ?? logFollowUp;
  const stats: MonitorStats = { requests: 0, reported: 0, zombies: 0, late: 0, last: undefined };
  const fastifyTrackers = new WeakMap<object, Tracker>();
  let stackRequests = 0;
  let open = true;
  retainTaskEvents();
  retainContext();

  const owner: TrackerOwner = {
    grace,
    awaited: false,
    found(tracker, ops, first) {
      stats.zombies += ops.length;
      for (const op of ops) if (op.fields.late) stats.late++;
      if (!first) return; // joins the follow-up under way: one report per request
      const report = reportOf(tracker, ops.map((op) => op.toZombie()));
      stats.reported++;
      stats.last = report;
      if (captureStacks === 'auto' && !tracker.captureStacks && report.zombies.some((zombie) => zombie.stack === undefined)) {
        stackRequests = AUTO_STACK_REQUESTS;
      }
      call(onZombie, report, 'onZombie');
    },
    followedUp(tracker, ops) {
      if (ops.length === 0) return;
      call(onFollowUp, followUpOf(tracker, ops), 'onFollowUp');
    },
  };

  function start(req: RequestLike): Tracker {
    let stacks = captureStacks === true;
    if (captureStacks === 'auto' && stackRequests > 0) {
      stackRequests--;
      stacks = true;
    }
    return new Tracker(owner, stacks, promises, req);
  }

  function finish(tracker: Tracker): void {
    if (tracker.closed) return;
    stats.requests++;
    tracker.close();
  }

  function onResponseEnd(this: ConnectResponse): void {
    const tracker = this[TRACKER];
    if (tracker !== undefined) finish(tracker);
  }

  const middleware = (req: RequestLike, res: ConnectResponse, next: (error?: unknown) => void): void => {
    const tracker = start(req);
    res[TRACKER] = tracker;
    res.on('finish', onResponseEnd);
    res.on('close', onResponseEnd);
    runTracked(tracker, next);
  };

  function wrap<Req extends IncomingMessage, Res extends ServerResponse>(listener: RequestListener<Req, Res>): RequestListener<Req, Res> {
    if (typeof listener !== 'function') throw new TypeError('taskMonitor.wrap expects a request listener (req, res) => void');
    return function monitored(this: unknown, req, res) {
      middleware(req as RequestLike, res as unknown as ConnectResponse, () => listener.call(this, req, res));
    };
  }

  const onRequest: FastifyHook = (request, _reply, done) => {
    const tracker = start(request);
    fastifyTrackers.set(request, tracker);
    runTracked(tracker, done);
  };
  const preHandler: FastifyHook = (request, _reply, done) => {
    const tracker = fastifyTrackers.get(request);
    if (tracker === undefined || tracker.closed) done();
    else runTracked(tracker, done);
  };
  const onResponse: FastifyHook = (request, _reply, done) => {
    const tracker = fastifyTrackers.get(request);
    if (tracker !== undefined) finish(tracker);
    done();
  };
  const fastify = ((instance: FastifyLike, _options: unknown, done: Done) => {
    const addHook = instance.addHook.bind(instance) as AddHook;
    addHook('onRequest', onRequest);
    addHook('preHandler', preHandler);
    addHook('onResponse', onResponse);
    done();
  }) as FastifyPlugin;
  // As `fastify-plugin` does: the hooks apply to the whole app, not only to an encapsulated child.
  fastify[Symbol.for('skip-override')] = true;
  fastify[Symbol.for('fastify.display-name')] = 'taskgroup-monitor';

  return Object.assign(middleware, {
    wrap,
    fastify,
    onRequest,
    preHandler,
    onResponse,
    stats: () => ({ ...stats }),
    close() {
      if (!open) return;
      open = false;
      releaseTaskEvents();
      releaseContext();
    },
  });
}

function reportOf(tracker: Tracker, zombies: Zombie[]): ZombieReport {
  const req = tracker.subject as RequestLike;
  return { method: req.method ?? 'GET', route: routeOf(req), url: req.originalUrl ?? req.url ?? '/', zombies, groups: groupZombies(zombies) };
}

function followUpOf(tracker: Tracker, ops: Op[]): ZombieFollowUp {
  const zombies = ops.map((op) => op.toZombie(tracker.closedAt));
  return {
    ...reportOf(tracker, zombies),
    afterMs: performance.now() - tracker.closedAt,
    running: zombies.filter((zombie) => zombie.outcome === 'running').length,
  };
}

/** Calls the user's callback outside the request (what it starts is not the request's), logging a throw. */
function call<T>(callback: (value: T) => void, value: T, name: string): void {
  runOutside(() => {
    try {
      callback(value);
    } catch (error) {
      console.error(`[taskgroup] taskMonitor: ${name} threw`, error);
    }
  });
}

/** Express's matched route (`/users/:id`), Fastify's route, else the path without its query. */
function routeOf(req: RequestLike): string {
  const path = req.route?.path;
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}`;
  if (req.routeOptions?.url !== undefined) return req.routeOptions.url;
  return pathOf(req.originalUrl ?? req.url ?? '/');
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
