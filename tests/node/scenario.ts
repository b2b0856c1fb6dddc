import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { background, TaskGroup } from '../../src/runtime/index';

/**
 * The handlers the detector is tried on, written once and served by every framework
 * (`servers.ts`) and called by `zombies()` tests. Reports name lines of this file: `lineOf` finds
 * them by their text.
 */
export type Respond = (status: number, body: string) => void;

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

/** The slow upstream the handlers fetch from (`upstream.ts`), set by the tests. */
let upstream = 'http://upstream.invalid';
export function useUpstream(url: string): void {
  upstream = url;
}
/** How long the upstream takes to answer a page: the fetches outlive the response by this much. */
export const SLOW_MS = 400;
export const slow = (ms = SLOW_MS, tag = ''): string => `${upstream}/slow?ms=${ms}&tag=${tag}`;
const pages = (count = 4): string[] => Array.from({ length: count }, () => slow());

/** Answers, then fetches four pages with `Promise.allSettled`: four plain fetches run on. */
export async function fanOut(respond: Respond): Promise<void> {
  respond(202, 'accepted');
  await Promise.allSettled(pages().map((url) => fetch(url)));
}

/** The same in a TaskGroup: four tasks run on (owned by nothing once the response is gone). */
export async function taskFanOut(respond: Respond): Promise<void> {
  respond(202, 'accepted');
  await TaskGroup.allSettled(pages().map((url) => (signal: AbortSignal) => fetch(url, { signal })));
}

/** Schedules work on a timer, then answers: the callback starts after the response. */
export function timerAfterResponse(respond: Respond): void {
  setTimeout(async () => {
    await fetch(slow());
  }, 0);
  respond(202, 'accepted');
}

/**
 * Answers, waits for something made outside the request (`armGate`), then starts two tasks and a
 * fetch: all of it begins after the response.
 */
let gate: Promise<void> = Promise.resolve();
export function armGate(): () => void {
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  return open;
}
export async function lateWork(respond: Respond): Promise<void> {
  respond(202, 'accepted');
  await gate;
  void fetch(slow());
  await TaskGroup.all([(signal) => sleep(SLOW_MS, undefined, { signal }), (signal) => sleep(SLOW_MS, undefined, { signal })]);
}

/** Races two fetches given the group's signal against a quick winner: the losers are aborted and joined. */
export async function cancelledLosers(respond: Respond, tag: string): Promise<void> {
  const winner = await TaskGroup.race([
    (signal) => fetch(slow(SLOW_MS, tag), { signal }).then(() => 'fetch'),
    (signal) => fetch(slow(SLOW_MS, tag), { signal }).then(() => 'fetch'),
    () => sleep(10).then(() => 'timer'),
  ]);
  respond(200, winner);
}

/** The same with `Promise.race`: the two losing fetches run on. */
export async function raceLosers(respond: Respond): Promise<void> {
  const fetchA = () => fetch(slow());
  const fetchB = () => fetch(slow());
  const winner = await Promise.race([fetchA().then(() => 'fetch'), fetchB().then(() => 'fetch'), sleep(10).then(() => 'timer')]);
  respond(200, winner);
}

/** Four `node:http` requests, each awaited through a `new Promise`, after the response. */
export async function httpGets(respond: Respond): Promise<void> {
  respond(202, 'accepted');
  await Promise.all(
    pages().map((url) => new Promise((resolve, reject) => http.get(url, (res) => res.resume().once('end', resolve)).once('error', reject))),
  );
}

/** An interval started by the request and never cleared (the tests clear it). */
export const intervals: ReturnType<typeof setInterval>[] = [];
export function leakInterval(respond: Respond): void {
  intervals.push(setInterval(() => {}, 1_000));
  respond(200, 'ok');
}

/** A zombie that ends a moment after the response: slow cleanup, not a leak. */
export async function quickZombie(respond: Respond): Promise<void> {
  respond(202, 'accepted');
  await fetch(slow(60));
}

/** `k` floating fetches (`0`: a clean request), for concurrent mixes. */
export async function dirty(respond: Respond, k: number): Promise<void> {
  for (let i = 0; i < k; i++) void fetch(slow()).then((response) => response.text());
  await sleep(1);
  respond(200, `left ${k}`);
}

/** `k` tasks handed to `background` (`0`: a clean request), for concurrent mixes in counting mode. */
export async function dirtyTasks(respond: Respond, k: number): Promise<void> {
  for (let i = 0; i < k; i++) void background.spawn((signal) => sleep(SLOW_MS, undefined, { signal }));
  await sleep(1);
  respond(200, `left ${k}`);
}

/** `file:line:` of the first line of this file that contains `text` (where a call is made). */
export function lineOf(text: string): string {
  return `${lineIn(import.meta.url, text).slice('tests/node/'.length)}:`;
}

/** `tests/node/<file>:<line>` of the first line of the test file at `url` that contains `text`. */
export function lineIn(url: string, text: string): string {
  const path = fileURLToPath(url);
  const index = readFileSync(path, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line of ${path} contains ${text}`);
  return `tests/node/${basename(path)}:${index + 1}`;
}

/** The site a report gives for a call on the line containing `text`: `tests/node/scenario.ts:<line>:<column>`. */
export function siteOf(text: string): RegExp {
  return new RegExp(`^tests/node/${lineOf(text).replace('.', '\\.')}\\d+$`);
}
