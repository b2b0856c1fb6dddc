// The service after migration: every background fan-out runs in a TaskGroup whose
// signal reaches each fetch, so the first failure cancels the rest, and nothing
// outlives its group. `/dangerous-gather` keeps the old Promise.all on purpose, to
// compare with `/safe-taskgroup` (see GET /task-status). The zombie detector's
// `taskMonitor` follows every request below: GET /task-status shows what each one left
// running when it answered (`monitor`), with the line that started it.
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { taskMonitor } from 'eslint-plugin-taskgroup/node';
import { background, TaskGroup } from 'eslint-plugin-taskgroup/task-group';
import { expectOk } from '../shared/batch.js';
import type { Job } from '../shared/jobs.js';
import type { Mount } from '../shared/serve.js';

const BATCH_TIMEOUT_MS = 30_000;

export const mount: Mount = (app, { startBatch, upstream, refreshMs }) => {
  // Both fan-outs answer 202 first, so each leaves its batch running: a task owned by
  // `background` for /safe-taskgroup, plain promises for /dangerous-gather.
  const monitor = taskMonitor({ promises: true });
  app.use(monitor);
  const events = new EventEmitter();

  // Tell the upstream's webhook when a batch settled; give up after 2 s.
  events.on('job:settled', async (job: Job) => {
    try {
      await TaskGroup.race(
        [
          (signal) =>
            fetch(`${upstream.url}/notify`, { method: 'POST', body: JSON.stringify({ id: job.id, state: job.state }), signal }),
          (signal) => sleep(2_000, undefined, { signal }),
        ],
        { timeout: 5_000 },
      );
    } catch (error) {
      console.warn(`notify ${job.id}:`, error);
    }
  });

  // Keep the feeds warm; a refresh never outlives its period.
  const feeds = [1, 2, 3].map((n) => `${upstream.url}/slow?page=feed-${n}&ms=50`);
  const refresh = setInterval(async () => {
    const results = await TaskGroup.allSettled(
      feeds.map((url) => (signal: AbortSignal) => fetch(url, { signal }).then(expectOk)),
      { timeout: refreshMs },
    );
    const failed = results.filter((result) => result.status === 'rejected').length;
    if (failed > 0) console.warn(`feed refresh: ${failed} of ${feeds.length} failed`);
  }, refreshMs);
  refresh.unref();

  // Answer at once, then fetch the batch after the response was sent.
  app.post('/process-urls', async (req, res) => {
    const { job, urls } = startBatch(req, 'process-urls');
    res.status(202).json({ job: job.id, urls: urls.length });
    try {
      const pages = await TaskGroup.all(
        urls.map((url) => (signal: AbortSignal) => fetch(url, { signal }).then(expectOk)),
        { timeout: BATCH_TIMEOUT_MS },
      );
      job.done(`${pages.length} pages`);
    } catch (error) {
      job.fail(error);
    }
    events.emit('job:settled', job);
  });

  // Kept unmigrated on purpose: the fetches that did not fail keep running.
  app.post('/dangerous-gather', (req, res) => {
    const { job, urls } = startBatch(req, 'dangerous-gather');
    // eslint-disable-next-line taskgroup/no-uncancellable-floating-promise -- the zombie demo
    void gatherWithPromiseAll(urls, job);
    res.status(202).json({ job: job.id, urls: urls.length });
  });

  // The same work in a TaskGroup owned by the process-wide `background` group.
  app.post('/safe-taskgroup', (req, res) => {
    const { job, urls } = startBatch(req, 'safe-taskgroup');
    void background.spawn((signal) => gatherWithTaskGroup(urls, job, signal));
    res.status(202).json({ job: job.id, urls: urls.length });
  });

  return {
    async stop() {
      monitor.close();
      clearInterval(refresh);
      background.cancel();
      await background.wait();
    },
    status: () => ({ monitor: monitor.stats() }),
  };
};

async function gatherWithPromiseAll(urls: string[], job: Job): Promise<void> {
  try {
    // eslint-disable-next-line taskgroup/no-unscoped-promise-combinator -- the zombie demo
    const pages = await Promise.all(urls.map((url) => fetch(url).then(expectOk)));
    job.done(`${pages.length} pages`);
  } catch (error) {
    job.fail(error);
  }
}

async function gatherWithTaskGroup(urls: string[], job: Job, signal: AbortSignal): Promise<void> {
  try {
    const pages = await TaskGroup.map(urls, (url, signal) => fetch(url, { signal }).then(expectOk), {
      signal,
      timeout: BATCH_TIMEOUT_MS,
    });
    job.done(`${pages.length} pages`);
  } catch (error) {
    job.fail(error);
  }
}
