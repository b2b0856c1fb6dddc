// Builds the example and runs one version of it as a child process, for `npm start`
// (scripts/start.mjs) and the tests (tests/examples). Plain JavaScript so that Node 20
// runs it without a TypeScript step; types in harness.d.mts.
import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Type-checks the example (or a copy of it in `sourceDir`, e.g. a migrated one) and
 * compiles it to CommonJS in `outDir`.
 */
export async function buildExample(outDir, sourceDir = here) {
  const args = [tsc, '-p', join(sourceDir, 'tsconfig.json'), '--noEmit', 'false', '--rootDir', sourceDir, '--outDir', outDir];
  try {
    await promisify(execFile)(process.execPath, args, { timeout: 60_000 });
  } catch (error) {
    throw new Error(`${sourceDir} does not compile:\n${error.stdout || error.message}`);
  }
  return outDir;
}

/** Starts `<outDir>/<version>/main.js` and waits until it listens. */
export async function startService(outDir, version, { env = {}, startTimeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [join(outDir, version, 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const { url, upstream } = await withTimeout(
    Promise.race([
      firstLine(child.stdout).then((line) => JSON.parse(line)),
      exited.then(({ code }) => {
        throw new Error(`${version} exited with ${code} before listening:\n${stderr}`);
      }),
    ]),
    startTimeoutMs,
    `${version} did not start within ${startTimeoutMs} ms:\n${stderr}`,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });

  const request = async (method, path, body) => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };

  const service = {
    url,
    upstream,
    pid: child.pid,
    stderr: () => stderr,
    post: (path, body) => request('POST', path, body),
    status: async () => (await request('GET', '/task-status')).body,
    async waitForJob(id, { timeoutMs = 10_000, intervalMs = 10 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await service.status();
        const job = status.jobs.find((candidate) => candidate.id === id);
        if (job === undefined) throw new Error(`no job ${id} in /task-status`);
        if (job.state !== 'running') return { job, status };
        if (Date.now() > deadline) throw new Error(`job ${id} still running after ${timeoutMs} ms`);
        await delay(intervalMs);
      }
    },
    /** SIGTERM, then SIGKILL when the process is still there after `graceMs`. */
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return service;
}

/**
 * Posts a batch to `endpoint`, waits until its job settled (the handler's background
 * work finished or failed), and reports the upstream fetches of that job still in flight
 * then and `lingerMs` later.
 */
export async function measureZombies(service, endpoint, { lingerMs = 300 } = {}) {
  const posted = await service.post(endpoint);
  if (posted.status !== 202) throw new Error(`POST ${endpoint} answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const { job, status } = await service.waitForJob(posted.body.job);
  await delay(lingerMs);
  const later = await service.status();
  return {
    job,
    inFlightAtSettle: job.inFlight,
    inFlightLater: later.jobs.find((candidate) => candidate.id === job.id).inFlight,
    tasksAtSettle: status.tasks,
    tasksLater: later.tasks,
  };
}

function firstLine(stream) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    stream.setEncoding('utf8');
    const onData = (chunk) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end === -1) return;
      stream.off('data', onData);
      stream.resume();
      resolve(buffered.slice(0, end));
    };
    stream.on('data', onData);
    stream.once('error', reject);
  });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
