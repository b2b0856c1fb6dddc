import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { TaskGroup } from '../../src/runtime/index';

/**
 * The motivating scenario: four tasks (delays 3, 1, 5, 4 units), the second fails. With
 * `Promise.all` the handler answers at the failure and the other three keep running; with
 * `TaskGroup.all` they are cancelled and joined before it answers.
 */
export const UNIT_MS = 40;
const DELAYS = [3, 1, 5, 4];

async function task(units: number, fails: boolean, signal?: AbortSignal): Promise<number> {
  await sleep(units * UNIT_MS, undefined, { signal });
  if (fails) throw new Error(`task of ${units} units failed`);
  return units;
}

export async function gatherWithPromiseAll(): Promise<string> {
  try {
    const results = await Promise.all(DELAYS.map((units, i) => task(units, i === 1)));
    return `done: ${results.join(',')}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

export async function gatherWithTaskGroup(): Promise<string> {
  try {
    const results = await TaskGroup.all(DELAYS.map((units, i) => (signal: AbortSignal) => task(units, i === 1, signal)));
    return `done: ${results.join(',')}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

/** `file:line` of the first line of this file that contains `text` (where a combinator is called). */
export function lineOf(text: string): string {
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const index = source.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line contains ${text}`);
  return `scenario.ts:${index + 1}:`;
}
