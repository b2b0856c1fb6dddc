import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { background } from '../../src/runtime/index';
import type { TaskMonitor } from '../../src/node/index';
import { gatherWithPromiseAll, gatherWithTaskGroup, UNIT_MS } from './scenario';

/** The scenario's endpoints, plus one that hands a task to `background` and answers at once. */
export interface Server {
  url: string;
  close(): Promise<void>;
}

/** `fastify-hooks`: the hook pair added by hand instead of the plugin. */
export type Framework = 'express' | 'fastify' | 'fastify-hooks';

/** A task that outlives its request on purpose (the `background` group owns it). */
function detach(): void {
  void background.spawn((signal) => new Promise((resolve) => setTimeout(resolve, 4 * UNIT_MS)).then(() => signal.aborted));
}

export async function startServer(framework: Framework, monitor: TaskMonitor): Promise<Server> {
  return framework === 'express' ? startExpress(monitor) : startFastify(monitor, framework === 'fastify-hooks');
}

async function startExpress(monitor: TaskMonitor): Promise<Server> {
  const app = express();
  app.use(monitor);
  app.get('/promise-all/:id', async (_req, res) => {
    res.status(502).send(await gatherWithPromiseAll());
  });
  app.get('/task-group/:id', async (_req, res) => {
    res.status(502).send(await gatherWithTaskGroup());
  });
  app.get('/detach', (_req, res) => {
    detach();
    res.status(202).send('accepted');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startFastify(monitor: TaskMonitor, byHand: boolean): Promise<Server> {
  const app = Fastify();
  if (byHand) {
    app.addHook('onRequest', monitor.onRequest);
    app.addHook('onResponse', monitor.onResponse);
  } else {
    await app.register(monitor.fastify);
  }
  app.get('/promise-all/:id', async (_request, reply) => reply.code(502).send(await gatherWithPromiseAll()));
  app.get('/task-group/:id', async (_request, reply) => reply.code(502).send(await gatherWithTaskGroup()));
  app.get('/detach', async (_request, reply) => {
    detach();
    return reply.code(202).send('accepted');
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
