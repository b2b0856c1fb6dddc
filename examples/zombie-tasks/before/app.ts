// The service as it was written before migration: background work with Promise.all,
// Promise.allSettled, Promise.race and fire-and-forget calls. When one URL of a batch
// fails, the other fetches keep running with nobody waiting for them: zombie tasks.
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectOk } from '../shared/batch.js';
import type { Job } from '../shared/jobs.js';
import type { Mount } from '../shared/serve.js';

export const mount: Mount = (app, { startBatch, upstream, refreshMs }) => {
  const events = new EventEmitter();

  // Tell the upstream's webhook when a batch settled; give up after 2 s.
  events.on('job:settled', async (job: Job) => {
    try {
      await Promise.race([
        fetch(`${upstream.url}/notify`, { method: 'POST', body: JSON.stringify({ id: job.id, state: job.state }) }),
        sleep(2_000),
      ]);
    } catch (error) {
      console.warn(`notify ${job.id}:`, error);
    }
  });

  // Keep the feeds warm.
  const feeds = [1, 2, 3].map((n) => `${upstream.url}/slow?page=feed-${n}&ms=50`);
  const refresh = setInterval(async () => {
    const results = await Promise.allSettled(feeds.map((url) => fetch(url).then(expectOk)));
    const failed = results.filter((result) => result.status === 'rejected').length;
    if (failed > 0) console.warn(`feed refresh: ${failed} of ${feeds.length} failed`);
  }, refreshMs);
  refresh.unref();

  // Answer at once, then fetch the batch after the response was sent.
  app.post('/process-urls', async (req, res) => {
    const { job, urls } = startBatch(req, 'process-urls');
    res.status(202).json({ job: job.id, urls: urls.length });
    try {
      const pages = await Promise.all(urls.map((url) => fetch(url).then(expectOk)));
      job.done(`${pages.length} pages`);
    } catch (error) {
      job.fail(error);
    }
    events.emit('job:settled', job);
  });

  // The same work, fired and forgotten.
  app.post('/dangerous-gather', (req, res) => {
    const { job, urls } = startBatch(req, 'dangerous-gather');
    void gatherPages(urls, job);
    res.status(202).json({ job: job.id, urls: urls.length });
  });

  return {
    stop() {
      clearInterval(refresh);
    },
  };
};

async function gatherPages(urls: string[], job: Job): Promise<void> {
  try {
    const pages = await Promise.all(urls.map((url) => fetch(url).then(expectOk)));
    job.done(`${pages.length} pages`);
  } catch (error) {
    job.fail(error);
  }
}
