// Drives examples/zombie-tasks over HTTP, as a child process on loopback: a batch whose
// first failure leaves zombie fetches with Promise.all, and none with TaskGroup.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, measureZombies, type Service, startService } from '../../examples/zombie-tasks/harness.mjs';

const root = join(import.meta.dirname, '..', '..');
// The slow pages take 4.8-8 s: long enough that, even on a loaded machine, a fetch still
// open 300 ms after the failure can only be a zombie, and one closed by then was cancelled.
const env = { SLOW_MS: '8000' };
let out: string;

beforeAll(async () => {
  // The example imports the runtime through the package's own exports (dist/).
  if (!existsSync(join(root, 'dist', 'task-group.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: root });
  await mkdir(join(root, '.tmp'), { recursive: true });
  out = await mkdtemp(join(root, '.tmp', 'zombie-tasks-test-'));
  await buildExample(out);
}, 120_000);

afterAll(async () => {
  if (out !== undefined) await rm(out, { recursive: true, force: true });
});

function serviceFor(version: 'src' | 'before') {
  let service: Service | undefined;
  beforeAll(async () => {
    service = await startService(out, version, { env });
  });
  afterAll(async () => {
    const exit = await service?.stop();
    expect(exit).toEqual({ code: 0, signal: null });
  });
  return () => {
    if (service === undefined) throw new Error(`the ${version} service did not start`);
    return service;
  };
}

describe('examples/zombie-tasks (after migration)', () => {
  const service = serviceFor('src');

  it('leaves upstream fetches running after /dangerous-gather failed', async () => {
    const report = await measureZombies(service(), '/dangerous-gather');
    expect(report.job.state).toBe('failed');
    expect(report.job.detail).toMatch(/answered 503/);
    expect(report.inFlightAtSettle).toBeGreaterThan(0);
    expect(report.inFlightLater).toBe(3);
  });

  it('cancels every upstream fetch of /safe-taskgroup when one fails', async () => {
    const report = await measureZombies(service(), '/safe-taskgroup');
    expect(report.job.state).toBe('failed');
    expect(report.job.detail).toMatch(/answered 503/);
    // The group joined its tasks before the job settled, well before the fastest slow page.
    expect(report.job.ms).toBeLessThan(4_000);
    expect(report.inFlightLater).toBe(0);
    expect(report.tasksLater.active).toBe(0);
    expect(report.tasksLater.cancelled).toBeGreaterThanOrEqual(3);
  });

  it('cancels the rest of /process-urls after the response was sent', async () => {
    const report = await measureZombies(service(), '/process-urls');
    expect(report.job.state).toBe('failed');
    expect(report.inFlightLater).toBe(0);
    expect(report.tasksLater.active).toBe(0);
  });

  it('fetches a posted batch and reports it done', async () => {
    const { upstream } = service();
    const urls = [1, 2].map((page) => `${upstream}/slow?page=${page}&ms=10`);
    const posted = await service().post('/safe-taskgroup', { urls });
    expect(posted.status).toBe(202);
    const { job } = await service().waitForJob(posted.body.job);
    expect(job).toMatchObject({ state: 'done', detail: '2 pages', inFlight: 0 });
  });

  it('rejects a malformed batch with a 400 and a reason', async () => {
    expect(await service().post('/process-urls', { urls: 'http://x' })).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/expected a JSON body/) },
    });
    expect(await service().post('/safe-taskgroup', { urls: ['file:///etc/passwd'] })).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/urls\[0\] is not an http\(s\) URL/) },
    });
  });
});

describe('examples/zombie-tasks/before (before migration)', () => {
  const service = serviceFor('before');

  it('leaves upstream fetches running after /process-urls failed', async () => {
    const report = await measureZombies(service(), '/process-urls');
    expect(report.job.state).toBe('failed');
    expect(report.inFlightLater).toBe(3);
    // Promise.all is invisible to taskStats(): only the upstream sees the zombies.
    expect(report.tasksLater.active).toBe(0);
  });
});
