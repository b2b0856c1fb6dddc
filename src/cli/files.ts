import { type Discovery, discoverFiles as discover, MissingPathError } from '../analysis/source-discovery.js';
import { UsageError } from './usage.js';

export type { Discovery, Skipped } from '../analysis/source-discovery.js';
export { MAX_FILE_BYTES } from '../analysis/source-discovery.js';

/** The files `check` and `migrate` work on (see `src/analysis/source-discovery.ts`); a path that does not exist is a usage error. */
export function discoverFiles(paths: readonly string[], cwd = process.cwd()): Discovery {
  try {
    return discover(paths, cwd);
  } catch (error) {
    if (error instanceof MissingPathError) throw new UsageError(error.message);
    throw error;
  }
}
