import type { API, FileInfo, Options } from 'jscodeshift';
import { runCodemods } from './lib/run.js';
import { FLOATING_PROMISES } from './lib/steps.js';

/**
 * `floating-promises`: every floating promise that `no-uncancellable-floating-promise`
 * reports (untyped) becomes `void background.spawn((signal) => ...)`, as its suggestion
 * writes it: `.catch()` chains kept inside the task, the signal passed where it is taken.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods([FLOATING_PROMISES], file, api, options);
}
