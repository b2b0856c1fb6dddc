/**
 * Peer check against typescript-eslint's `no-floating-promises`: the cases of its test suite
 * (packages/eslint-plugin/tests/rules/no-floating-promises.test.ts) that apply to our rule,
 * ported as small snippets and run with type information. Each case states what
 * `no-floating-promises` does, what `no-uncancellable-floating-promise` does, and why they
 * differ where they do.
 *
 * The two rules ask different questions. Theirs: is the rejection handled? Ours: can the
 * work be cancelled — does its root call receive an AbortSignal, or does a TaskGroup own it?
 * So `void p` and `.catch()` satisfy theirs, not ours; and a promise that is only *read*
 * in statement position (`promiseValue;`, `obj.foo;`) is theirs to report, while ours
 * reports the call that started the work.
 */
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-uncancellable-floating-promise';
import { fixturesDir } from './lib/rule-tester';

interface PeerCase {
  /** What the case shows. */
  name: string;
  code: string;
  /** Lines `no-floating-promises` reports with its default options (checked by running it here too). */
  theirs: number[];
  /** Lines our rule reports. */
  ours: number[];
  /** Why ours differs (required when `ours` differs from `theirs`). */
  why?: string;
}

const HANDLED_IS_NOT_CANCELLABLE = 'handling the rejection does not make the work cancellable: nothing can stop it or wait for it';
const READ_NOT_STARTED = 'the statement only reads a promise; the work was started (and is reported) where the promise was created';

const cases: PeerCase[] = [
  // --- their valid cases ---
  {
    name: 'awaited, returned and assigned promises',
    code: `async function test() {\n  await Promise.resolve('value');\n  const x = Promise.resolve();\n  const y = x.then(() => {});\n  return Promise.resolve('value');\n}`,
    theirs: [],
    ours: [],
  },
  {
    name: '.then(onFulfilled, onRejected) on a call',
    code: `async function test() {\n  Promise.resolve('value').then(() => {}, () => {});\n}`,
    theirs: [],
    ours: [2],
    why: HANDLED_IS_NOT_CANCELLABLE,
  },
  {
    name: '.catch() on a call',
    code: `async function test() {\n  Promise.reject(new Error('message')).catch(() => {});\n}`,
    theirs: [],
    ours: [2],
    why: HANDLED_IS_NOT_CANCELLABLE,
  },
  {
    name: '.then().catch() on an async IIFE and on a same-file async function',
    code: `async function test() {\n  async function returnsPromise() {}\n  (async () => true)().then(() => {}).catch(() => {});\n  returnsPromise().then(() => {}).catch(() => {});\n}`,
    theirs: [],
    ours: [3, 4],
    why: HANDLED_IS_NOT_CANCELLABLE,
  },
  {
    name: 'void (their ignoreVoid, on by default)',
    code: `async function test() {\n  void Promise.resolve('value');\n  void Promise.resolve().catch(() => {});\n}`,
    theirs: [],
    ours: [2, 3],
    why: '`void` says "I meant not to await this"; the work is still detached and uncancellable',
  },
  {
    name: 'handled promises in conditional, sequence and logical expressions',
    code: `async function test() {\n  Math.random() > 0.5 ? Promise.resolve().catch(() => {}) : null;\n  Promise.resolve().catch(() => {}), 123;\n  Promise.resolve().catch(() => {}) || Promise.resolve().then(() => {}, () => {});\n}`,
    theirs: [],
    ours: [2, 3, 4, 4],
    why: `${HANDLED_IS_NOT_CANCELLABLE} (each operand floats on its own)`,
  },
  {
    name: 'handled promise-valued variables',
    code: `async function test(promiseValue: Promise<number>) {\n  promiseValue.then(() => {}, () => {});\n  promiseValue.catch(() => {});\n}`,
    theirs: [],
    ours: [],
  },
  {
    name: 'optional chaining on a call that may return a promise',
    code: `declare const returnsPromise: () => Promise<void> | null;\nasync function test() {\n  returnsPromise()?.then(() => {}, () => {});\n}`,
    theirs: [],
    ours: [3],
    why: HANDLED_IS_NOT_CANCELLABLE,
  },
  {
    name: 'a thenable that is only read',
    code: `class Thenable {\n  then(callback: () => void): Thenable { return new Thenable(); }\n}\nasync function test(thenable: Thenable) {\n  thenable;\n  thenable.then(() => {});\n}`,
    theirs: [],
    ours: [],
  },
  // --- their invalid cases ---
  {
    name: 'unhandled calls',
    code: `async function test() {\n  Promise.resolve('value');\n  Promise.resolve('value').then(() => {});\n  Promise.reject(new Error('message')).catch();\n}`,
    theirs: [2, 3, 4],
    ours: [2, 3, 4],
  },
  {
    name: 'unhandled async IIFE and same-file async function',
    code: `async function test() {\n  async function returnsPromise() {}\n  (async () => true)();\n  returnsPromise().then(() => {});\n}`,
    theirs: [3, 4],
    ours: [3, 4],
  },
  {
    name: 'conditional and sequence expressions',
    code: `async function test() {\n  Math.random() > 0.5 ? Promise.resolve() : null;\n  123, Promise.resolve(), 123;\n}`,
    theirs: [2, 3],
    ours: [2, 3],
  },
  {
    name: 'new Promise',
    code: `async function test() {\n  new Promise<void>((resolve) => resolve());\n}`,
    theirs: [2],
    ours: [2],
  },
  {
    name: 'a promise read from a property or a variable',
    code: `async function test(promiseValue: Promise<number>) {\n  const obj = { foo: Promise.resolve() };\n  obj.foo;\n  promiseValue;\n  promiseValue.then(() => {});\n}`,
    theirs: [3, 4, 5],
    ours: [],
    why: READ_NOT_STARTED,
  },
  // --- cases that show what only ours looks at ---
  {
    name: 'unhandled but given a signal',
    code: `async function test(signal: AbortSignal) {\n  fetch('/a', { signal }).then(() => {});\n}`,
    theirs: [2],
    ours: [],
    why: 'the call receives an AbortSignal: whoever owns the signal can cancel it (its rejection is theirs to handle)',
  },
  {
    name: 'owned by a TaskGroup',
    code: `declare class TaskGroup { spawn<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> }\ndeclare const background: TaskGroup;\nbackground.spawn((signal) => fetch('/a', { signal }));`,
    theirs: [3],
    ours: [],
    why: 'a spawned task is owned by its group: cancelled with it, joined by it, its failures reported by it',
  },
];

/** The lines each rule reports on `code`, linted with type information as `tests/rules/fixtures/file.ts`. */
function linesReported(code: string): { ours: number[]; theirs: number[] } {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tsParser as Linter.Parser,
          // Under CI=true typescript-eslint infers a single run and builds the program from the
          // files on disk; these snippets are linted in memory as file.ts, so keep it updating.
          parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturesDir, disallowAutomaticSingleRunInference: true },
        },
        plugins: { taskgroup: { rules: { 'no-uncancellable-floating-promise': rule as never } }, '@typescript-eslint': tseslint.plugin as never },
        // The strict config's net (`everywhere`): the question here is which promises float, not where.
        rules: { 'taskgroup/no-uncancellable-floating-promise': ['error', { everywhere: true }], '@typescript-eslint/no-floating-promises': 'error' },
      },
    ],
    path.join(fixturesDir, 'file.ts'),
  );
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((message) => message.message).join('\n'));
  const lines = (ruleId: string) => messages.filter((message) => message.ruleId === ruleId).map((message) => message.line);
  return { ours: lines('taskgroup/no-uncancellable-floating-promise'), theirs: lines('@typescript-eslint/no-floating-promises') };
}

describe('no-uncancellable-floating-promise next to no-floating-promises', () => {
  it.each(cases.map((peer) => [peer.name, peer] as const))('%s', (_name, peer) => {
    if (peer.ours.join() !== peer.theirs.join()) expect(peer.why, 'a difference must say why').toBeTruthy();
    expect(linesReported(peer.code)).toEqual({ ours: peer.ours, theirs: peer.theirs });
  });
});
