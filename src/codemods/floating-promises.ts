import type { API, FileInfo, Options } from 'jscodeshift';
import { rewriteFloating } from './lib/rewrite-floating.js';
import { runCodemods } from './lib/run.js';

/**
 * `floating-promises`: every floating promise that `no-uncancellable-floating-promise`
 * reports (untyped) becomes `background.spawn((signal) => ...)`, `.catch()` chains kept
 * inside the task and the signal passed to the calls known to accept one.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods([{ name: 'floating-promises', rewrite: rewriteFloating }], file, api, options);
}
