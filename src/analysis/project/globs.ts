/**
 * The wildcards tsconfig `include`/`exclude` and workspace `packages` patterns use:
 * `*` (any characters but `/`), `?` (one such character) and `**` (any folders), on
 * absolute paths written with `/`.
 */

const SPECIAL = /[.+^${}()|[\]\\]/g;

function segmentSource(segment: string): string {
  return segment.replace(SPECIAL, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
}

/**
 * A RegExp for an absolute pattern. With `orBelow`, it also matches whatever is below a
 * matching folder (tsconfig `exclude`: `"build"` leaves out everything in `build/`).
 */
export function globToRegExp(pattern: string, orBelow = false): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]+/)*';
    else source += segmentSource(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}${orBelow ? '(?:/.*)?' : ''}$`);
}

/** Whether a pattern has wildcards. */
export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** The folder a pattern starts at: its segments before the first wildcard. */
export function literalBase(pattern: string): string {
  const segments = pattern.split('/');
  const index = segments.findIndex((segment) => hasWildcard(segment));
  return index < 0 ? pattern : segments.slice(0, index).join('/') || '/';
}

/** `/a/b` from a native path: patterns and paths are compared with `/`. */
export function toSlashes(file: string): string {
  return file.replace(/\\/g, '/');
}
