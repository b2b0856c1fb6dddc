// A record of the background jobs the service started, for `GET /task-status`.
export type JobState = 'running' | 'done' | 'failed';

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly startedAt: number;
  state: JobState;
  settledAt?: number;
  detail?: string;
  done(detail: string): void;
  fail(error: unknown): void;
}

const KEEP = 100;

export class JobLog {
  readonly #jobs: Job[] = [];
  #next = 1;

  start(kind: string): Job {
    const job: Job = {
      id: `${kind}-${this.#next++}`,
      kind,
      startedAt: Date.now(),
      state: 'running',
      done(detail) {
        settle(job, 'done', detail);
      },
      fail(error) {
        settle(job, 'failed', error instanceof Error ? error.message : String(error));
      },
    };
    this.#jobs.push(job);
    if (this.#jobs.length > KEEP) this.#jobs.shift();
    return job;
  }

  list(): readonly Job[] {
    return this.#jobs;
  }
}

function settle(job: Job, state: JobState, detail: string): void {
  if (job.state !== 'running') return;
  job.state = state;
  job.detail = detail;
  job.settledAt = Date.now();
}
