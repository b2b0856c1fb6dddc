import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime } from './build-runtime';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, 'scripts/memory.mjs');
let runtime: string;

beforeAll(async () => {
  runtime = await buildRuntime();
});

describe('7. no listener or timer outlives a group (memory)', () => {
  it('200,000 groups under one long-lived parent grow the heap by less than 5 MB', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', script, runtime, '200000'], { timeout: 240_000 });
    const result = JSON.parse(stdout) as { growthBytes: number; parentListeners: number; stats: { active: number; groups: number } };
    expect(result.parentListeners).toBe(0);
    expect(result.stats.active).toBe(0);
    expect(result.stats.groups).toBe(0);
    expect(result.growthBytes).toBeLessThan(5 * 1024 * 1024);
  }, 240_000);
});
