import { runTracked } from './context';
import { type TaskMonitorOptions, resolveOptions } from './options';
import { type ZombieReport, warnZombies } from './report';
import { closeTracker, openTracker } from './session';
import { releaseTaskEvents, retainTaskEvents } from './task-events';
import type { Tracker } from './tracker';

/** The parts of Node's `IncomingMessage` / Express's `Request` the middleware reads. */
interface ConnectRequest {
  method?: string;
  url?: string;
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}
interface ConnectResponse {
  once(event: 'finish' | 'close', listener: () => void): unknown;
}
/** The parts of a Fastify request the hooks read. */
interface FastifyRequestLike {
  method: string;
  url: string;
  routeOptions?: { url?: string };
}
type Done = (error?: Error) => void;
/** Any Fastify instance (its `addHook` is heavily overloaded: accept it whatever its types). */
interface FastifyLike {
  addHook: (...args: never[]) => unknown;
}
type AddHook = (name: 'onRequest' | 'preHandler' | 'onResponse', hook: FastifyHook) => unknown;
type FastifyHook = (request: FastifyRequestLike, reply: unknown, done: Done) => void;
type FastifyPlugin = ((instance: FastifyLike, options: unknown, done: Done) => void) & Record<symbol, unknown>;

export interface MonitorStats {
  /** Requests whose response finished since the monitor was created. */
  requests: number;
  /** Requests that left work running when their response finished. */
  reported: number;
  /** Tasks and promises reported, over all requests. */
  zombies: number;
  last: ZombieReport | undefined;
}

export interface TaskMonitor {
  /** Connect / Express middleware: `app.use(monitor)`. */
  (req: ConnectRequest, res: ConnectResponse, next: (error?: unknown) => void): void;
  /** Fastify plugin: `app.register(monitor.fastify)` adds the three hooks below to the whole app. */
  readonly fastify: FastifyPlugin;
  /** Fastify `onRequest` hook: starts following the request. */
  readonly onRequest: FastifyHook;
  /** Fastify `preHandler` hook: re-enters the request's context after an asynchronous body parse. */
  readonly preHandler: FastifyHook;
  /** Fastify `onResponse` hook: reports what the request left running. */
  readonly onResponse: FastifyHook;
  stats(): MonitorStats;
  /** Stops following task events (requests already under way still report). */
  close(): void;
}

/**
 * Per request, the TaskGroup tasks (and with `{ promises: true }` the promises) it started that
 * are still running when its response finishes, reported through `onZombie`.
 */
export function taskMonitor(options?: TaskMonitorOptions): TaskMonitor {
  const { promises, captureStacks, onZombie = warnZombies } = resolveOptions(options, 'taskMonitor');
  const stats: MonitorStats = { requests: 0, reported: 0, zombies: 0, last: undefined };
  const fastifyTrackers = new WeakMap<object, Tracker>();
  let open = true;
  retainTaskEvents();

  function start(): Tracker {
    return openTracker(promises, captureStacks);
  }

  function finish(tracker: Tracker, method: string | undefined, route: string): void {
    if (tracker.closed) return;
    const zombies = tracker.zombies();
    closeTracker(tracker);
    stats.requests++;
    if (zombies.length === 0) return;
    const report: ZombieReport = { method: method ?? 'GET', route, zombies };
    stats.reported++;
    stats.zombies += zombies.length;
    stats.last = report;
    try {
      onZombie(report);
    } catch (error) {
      console.error('[taskgroup] taskMonitor: onZombie threw', error);
    }
  }

  const middleware = (req: ConnectRequest, res: ConnectResponse, next: (error?: unknown) => void): void => {
    const tracker = start();
    const done = () => finish(tracker, req.method, connectRoute(req));
    res.once('finish', done);
    res.once('close', done);
    runTracked(tracker, next);
  };

  const onRequest: FastifyHook = (request, _reply, done) => {
    const tracker = start();
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
    if (tracker !== undefined) finish(tracker, request.method, request.routeOptions?.url ?? pathOf(request.url));
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
    fastify,
    onRequest,
    preHandler,
    onResponse,
    stats: () => ({ ...stats }),
    close() {
      if (!open) return;
      open = false;
      releaseTaskEvents();
    },
  });
}

/** Express's matched route (`/users/:id`) when known, else the path without its query. */
function connectRoute(req: ConnectRequest): string {
  const path = req.route?.path;
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}`;
  return pathOf(req.originalUrl ?? req.url ?? '/');
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
