/** The folder of the version to run: `src` (after migration) or `before`. */
export type Version = 'src' | 'before';

import type { TaskStats } from '../../src/runtime/types';

export type { TaskStats };

export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed';
  detail?: string;
  ms: number;
  /** Upstream requests of this job still open. */
  inFlight: number;
}

export interface TaskStatus {
  tasks: TaskStats;
  upstream: { inFlight: number };
  jobs: JobStatus[];
}

export interface Service {
  readonly url: string;
  readonly upstream: string;
  readonly pid: number | undefined;
  stderr(): string;
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  status(): Promise<TaskStatus>;
  waitForJob(id: string, options?: { timeoutMs?: number; intervalMs?: number }): Promise<{ job: JobStatus; status: TaskStatus }>;
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ZombieReport {
  job: JobStatus;
  inFlightAtSettle: number;
  inFlightLater: number;
  tasksAtSettle: TaskStats;
  tasksLater: TaskStats;
}

/** Type-checks the example (or a copy of it in `sourceDir`) and compiles it to CommonJS in `outDir`. */
export function buildExample(outDir: string, sourceDir?: string): Promise<string>;
export function startService(
  outDir: string,
  version: Version,
  options?: { env?: Record<string, string>; startTimeoutMs?: number },
): Promise<Service>;
export function measureZombies(service: Service, endpoint: string, options?: { lingerMs?: number }): Promise<ZombieReport>;
