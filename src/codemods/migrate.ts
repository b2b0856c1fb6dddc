import type { API, FileInfo, Options } from 'jscodeshift';
import { rewriteCombinators } from './lib/rewrite-combinators.js';
import { rewriteFloating } from './lib/rewrite-floating.js';
import { runCodemods } from './lib/run.js';

/**
 * Both codemods in one pass over each file (what `taskgroup migrate` runs): combinators
 * first, then floating promises; the file is parsed once, again only after a change.
 */
export default function transform(file: FileInfo, api: API, options: Options): string {
  return runCodemods(
    [
      { name: 'promise-combinators', rewrite: rewriteCombinators },
      { name: 'floating-promises', rewrite: rewriteFloating },
    ],
    file,
    api,
    options,
  );
}
