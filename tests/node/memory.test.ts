import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';
import { buildNodeEntry } from './build-node';

const run = promisify(execFile);
const script = resolve(import.meta.dirname, 'scripts/memory.mjs');
let entry: string;

beforeAll(async () => {
  entry = await buildNodeEntry();
}, 60_000);

test('promise tracking holds no settled promise: collected by GC, heap flat over 50,000 promises', async () => {
  const { stdout } = await run(process.execPath, ['--expose-gc', script, entry, '50000'], { timeout: 60_000 });
  const result = JSON.parse(stdout) as { collected: boolean; growthBytes: number; zombies: number };
  expect(result.collected).toBe(true);
  expect(result.zombies).toBe(0);
  expect(result.growthBytes).toBeLessThan(2 * 1024 * 1024);
}, 60_000);
