import type { ImportPlan } from './imports';
import type { SignalFlow } from './signal-flow';

/** Code names in a message: `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``. */
export function codeList(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Clauses of a message, one after the other. */
export function listOf(parts: readonly string[]): string {
  return parts.join('; ');
}

/** ` (imported from 'x')`, ` (imported from 'x' as `TaskGroup2`)`, or nothing when the file already imports it. */
export function importClause(imported: ImportPlan, helperModule: string, name: string): string {
  if (!imported.added) return '';
  return ` (imported from '${helperModule}'${imported.local === name ? '' : ` as \`${imported.local}\``})`;
}

/** Where the signal goes: "passing the signal to `fetch` and to `upload` (given an optional `signal` parameter)". */
export function describeSignal(flows: readonly SignalFlow[], whose: string): string {
  const passedTo = [...new Set(flows.flatMap((flow) => flow.passedTo))];
  const threaded = [...new Set(flows.flatMap((flow) => flow.threaded))];
  const direct = passedTo.filter((name) => !threaded.includes(name));
  const parts: string[] = [];
  if (direct.length > 0) parts.push(`to ${codeList(direct)}`);
  if (threaded.length > 0) {
    parts.push(`through ${codeList(threaded)} (given an optional \`signal\` parameter${threaded.length > 1 ? ' each' : ''}) to what ${threaded.length > 1 ? 'they call' : 'it calls'}`);
  }
  return `passing ${whose} signal ${parts.join(' and ')}`;
}
