// The first lines of a runtime copied into a project by `taskgroup migrate`: how later runs
// know the copy (it is never rewritten nor linted: its combinators are the runtime's own).
// Kept apart from runtime-source.ts, which loads TypeScript: the CLI must run without it.

export const VENDORED_BANNER = '// TaskGroup runtime (eslint-plugin-taskgroup), copied into this project by `taskgroup migrate`.';

/** The header written above a vendored copy. */
export const VENDORED_HEADER = `${VENDORED_BANNER}\n// Structured concurrency for JavaScript: no task outlives its group.\n/* eslint-disable */\n`;

/** Why discovery passes a vendored copy over. */
export const VENDORED_REASON = 'the TaskGroup runtime copied by taskgroup migrate';

/** Whether a file's text starts as a vendored copy does (this version's banner or an older one's). */
export function isVendoredRuntime(head: string): boolean {
  return head.startsWith('// TaskGroup runtime (eslint-plugin-taskgroup)');
}
