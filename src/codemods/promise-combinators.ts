import type { API, FileInfo, Options } from 'jscodeshift';
import { runCodemods } from './lib/run.js';
import { PROMISE_COMBINATORS } from './lib/steps.js';

/**
 * `promise-combinators`: every `Promise.all/allSettled/race/any` that
 * `no-unscoped-promise-combinator` reports becomes `TaskGroup.<same>(...)`, as its suggestion
 * writes it: calls become tasks, the signal goes where it is taken.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods([PROMISE_COMBINATORS], file, api, options);
}
