import { asObject } from './file-system';

/**
 * Conditions of an `exports` / `imports` map, most useful first: a source file beats a
 * type declaration beats built output (`source` is the convention for "the TypeScript file").
 * Conditions not named here come after these, in the order the map lists them.
 */
const CONDITION_ORDER = ['source', 'development', 'types', 'typings', 'import', 'module', 'node', 'require', 'default'];

/** Every target a conditional value names, most useful first (`null` excludes a subpath: no target). */
function conditionTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(conditionTargets);
  const object = asObject(value);
  if (!object) return [];
  const keys = Object.keys(object).sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((key) => conditionTargets(object[key]));
}

function rank(condition: string): number {
  const index = CONDITION_ORDER.indexOf(condition);
  return index < 0 ? CONDITION_ORDER.length : index;
}

/** Whether an `exports` value is a subpath map (`{ ".": ..., "./x": ... }`) rather than conditions. */
function isSubpathMap(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => key.startsWith('.') || key.startsWith('#'));
}

/**
 * The targets (relative to the package) that a package.json `exports` or `imports` map gives
 * `subpath` (`.`, `./x`, `#x`): an exact key, else the `*` pattern with the longest prefix.
 */
export function mapTargets(map: unknown, subpath: string): string[] {
  const object = asObject(map);
  const subpaths: Record<string, unknown> = object && isSubpathMap(object) ? object : { '.': map };
  if (Object.hasOwn(subpaths, subpath)) return conditionTargets(subpaths[subpath]);
  let best: { prefix: string; match: string; value: unknown } | undefined;
  for (const [key, value] of Object.entries(subpaths)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1 && (!best || prefix.length > best.prefix.length)) {
      best = { prefix, match: subpath.slice(prefix.length, subpath.length - suffix.length), value };
    }
  }
  return best ? conditionTargets(best.value).map((target) => target.replaceAll('*', best.match)) : [];
}
