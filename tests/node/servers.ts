import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { background } from '../../src/runtime/index';
import type { TaskMonitor } from '../../src/node/index';
import {
  cancelledLosers,
  dirty,
  dirtyTasks,
  fanOut,
  gatherWithPromiseAll,
  gatherWithTaskGroup,
  httpGets,
  lateWork,
  leakInterval,
  quickZombie,
  raceLosers,
  type Respond,
  taskFanOut,
  timerAfterResponse,
  UNIT_MS,
} from './scenario';

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** `fastify-hooks`: the hooks added by hand instead of the plugin; `node`: plain `node:http` with `monitor.wrap`. */
export type Framework = 'express' | 'fastify' | 'fastify-hooks' | 'node';
export const FRAMEWORKS: Framework[] = ['express', 'fastify', 'fastify-hooks', 'node'];

/** A task that outlives its request on purpose (the `background` group owns it). */
function detach(): void {
  void background.spawn((signal) => new Promise((resolve) => setTimeout(resolve, 4 * UNIT_MS)).then(() => signal.aborted));
}

type Handler = (respond: Respond, params: Record<string, string>) => unknown;

/** Every endpoint, as Express and Fastify route patterns. */
const ROUTES: Record<string, Handler> = {
  '/promise-all/:id': async (respond) => respond(502, await gatherWithPromiseAll()),
  '/task-group/:id': async (respond) => respond(502, await gatherWithTaskGroup()),
  '/detach': (respond) => {
    detach();
    respond(202, 'accepted');
  },
  '/fan-out': fanOut,
  '/task-fan-out': taskFanOut,
  '/timer': timerAfterResponse,
  '/late': lateWork,
  '/cancelled/:tag': (respond, { tag }) => cancelledLosers(respond, tag!),
  '/race': raceLosers,
  '/http-get': httpGets,
  '/interval': leakInterval,
  '/quick': quickZombie,
  '/dirty/:k': (respond, { k }) => dirty(respond, Number(k)),
  '/dirty-tasks/:k': (respond, { k }) => dirtyTasks(respond, Number(k)),
};

export async function startServer(framework: Framework, monitor: TaskMonitor): Promise<Server> {
  if (framework === 'express') return startExpress(monitor);
  if (framework === 'node') return startNode(monitor);
  return startFastify(monitor, framework === 'fastify-hooks');
}

async function startExpress(monitor: TaskMonitor): Promise<Server> {
  const app = express();
  app.use(monitor);
  for (const [pattern, handle] of Object.entries(ROUTES)) {
    app.get(pattern, async (req, res) => {
      await handle((status, body) => res.status(status).send(body), req.params as Record<string, string>);
    });
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return serverOf(server);
}

async function startFastify(monitor: TaskMonitor, byHand: boolean): Promise<Server> {
  const app = Fastify();
  if (byHand) {
    app.addHook('onRequest', monitor.onRequest);
    app.addHook('onResponse', monitor.onResponse);
  } else {
    await app.register(monitor.fastify);
  }
  for (const [pattern, handle] of Object.entries(ROUTES)) {
    app.get(pattern, async (request, reply) => {
      await handle((status, body) => void reply.code(status).send(body), request.params as Record<string, string>);
      return reply;
    });
  }
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Plain `node:http`: the route patterns matched by hand. */
async function startNode(monitor: TaskMonitor): Promise<Server> {
  const routes = Object.entries(ROUTES).map(([pattern, handle]) => ({ parts: pattern.split('/'), handle }));
  const server = createServer(
    monitor.wrap(async (req, res) => {
      const parts = new URL(req.url ?? '/', 'http://server').pathname.split('/');
      for (const { parts: pattern, handle } of routes) {
        if (pattern.length !== parts.length) continue;
        const params: Record<string, string> = {};
        if (!pattern.every((part, i) => (part.startsWith(':') ? (params[part.slice(1)] = parts[i]!) : part === parts[i]))) continue;
        await handle((status, body) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body), params);
        return;
      }
      res.writeHead(404).end();
    }),
  );
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return serverOf(server);
}

function serverOf(server: import('node:http').Server): Server {
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
