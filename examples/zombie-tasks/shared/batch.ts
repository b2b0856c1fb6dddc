// What a batch is: the URLs a client posts (`{ "urls": [...] }`), or by default a batch
// from the local upstream: three slow pages and one that fails fast.
import type { Request } from 'express';
import type { Job, JobLog } from './jobs.js';

export interface BatchOptions {
  upstream: string;
  /** How long the slow pages take, in ms. */
  slowMs: number;
}

export class BadRequest extends Error {
  readonly status = 400;
}

/** Validates the posted batch, then starts a job for it. */
export function startBatch(req: Request, kind: string, jobs: JobLog, options: BatchOptions): { job: Job; urls: string[] } {
  const posted = postedUrls(req.body);
  const job = jobs.start(kind);
  return { job, urls: posted ?? defaultBatch(job.id, options) };
}

function postedUrls(body: unknown): string[] | undefined {
  if (body === undefined || (isObject(body) && body.urls === undefined)) return undefined;
  if (!isObject(body) || !Array.isArray(body.urls) || body.urls.length === 0) {
    throw new BadRequest('expected a JSON body { "urls": ["http://...", ...] } with at least one URL');
  }
  return body.urls.map((url: unknown, index) => {
    if (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new BadRequest(`urls[${index}] is not an http(s) URL: ${JSON.stringify(url)}`);
    }
    return url;
  });
}

function defaultBatch(job: string, { upstream, slowMs }: BatchOptions): string[] {
  const page = (n: number, ms: number) => `${upstream}/slow?page=${n}&ms=${ms}&job=${job}`;
  return [
    page(1, Math.round(slowMs * 0.6)),
    `${upstream}/fail?ms=20&job=${job}`,
    page(3, slowMs),
    page(4, Math.round(slowMs * 0.8)),
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a response body, or throws when the status is not 2xx. */
export async function expectOk(response: Response): Promise<string> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return response.text();
}
