import type { API, FileInfo, Options } from 'jscodeshift';
import { rewriteCombinators } from './lib/rewrite-combinators.js';
import { runCodemods } from './lib/run.js';

/**
 * `promise-combinators`: every `Promise.all/allSettled/race/any` that
 * `no-unscoped-promise-combinator` reports becomes `TaskGroup.<same>(...)`, with calls
 * turned into tasks that receive the group's signal.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods([{ name: 'promise-combinators', rewrite: rewriteCombinators }], file, api, options);
}
