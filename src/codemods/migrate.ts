import type { API, FileInfo, Options } from 'jscodeshift';
import { runCodemods } from './lib/run.js';
import { FLOATING_PROMISES, PROMISE_COMBINATORS } from './lib/steps.js';

/** Both codemods on each file (what `taskgroup migrate` runs): combinators first, then floating promises. */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods([PROMISE_COMBINATORS, FLOATING_PROMISES], file, api, options);
}
