import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isIdentifier, isMember, isNew, lastName, memberPropertyName, propertyKeyName, rootIdentifier, stringValue, unwrap } from './ast';
import { CALLBACK_APIS, CRON_JOB_CALLBACK_KEYS, CRON_JOB_LABEL, CRON_JOB_OBJECT_KEY, type CallbackApi, type CalleeMatcher } from './background-apis';
import type { BackgroundContext, BackgroundOptions } from './contexts';
import type { ProgramIndex } from './program';

/** A call of a background API: the context its callbacks run in, and the argument expressions that are callbacks. */
export interface BackgroundCall {
  context: BackgroundContext;
  callbacks: Node[];
}

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** The API table indexed by the callee's last name, so most calls are rejected by one map lookup. */
const APIS_BY_NAME = new Map<string, CallbackApi[]>();
for (const api of CALLBACK_APIS) {
  const name = api.callee.type === 'method' ? api.callee.name : api.callee.path.at(-1)!;
  APIS_BY_NAME.set(name, [...(APIS_BY_NAME.get(name) ?? []), api]);
}

/** `call` or `new` of a background API (the built-in table, then the user's `backgroundFunctions`). */
export function matchBackgroundCall(node: Node, index: ProgramIndex, options: BackgroundOptions): BackgroundCall | undefined {
  if (!isCall(node) && !isNew(node)) return undefined;
  const callee = unwrap(node.callee);
  for (const name of calleeNames(callee, index)) {
    for (const api of APIS_BY_NAME.get(name) ?? []) {
      if (Boolean(api.construct) !== isNew(node)) continue;
      const first = stringValue(node.arguments[0]);
      if (api.firstArgument && !api.firstArgument.includes(first ?? '')) continue;
      if (api.notFirstArgument && first !== undefined && api.notFirstArgument.includes(first)) continue;
      if (!calleeMatches(api.callee, callee, index)) continue;
      return { context: { kind: api.kind, label: labelFor(api, node) }, callbacks: callbackArguments(api, node.arguments) };
    }
  }
  const cronJob = cronJobCallbacks(node.arguments);
  if (cronJob) return { context: { kind: 'scheduled-job', label: CRON_JOB_LABEL }, callbacks: cronJob };
  const userFunctions = options.backgroundFunctions;
  if (userFunctions && userFunctions.length > 0) {
    const dotted = dottedName(callee);
    if (dotted !== undefined && userFunctions.includes(dotted)) {
      return { context: { kind: 'user-function', label: `a ${dotted}() callback` }, callbacks: [...node.arguments] };
    }
  }
  return undefined;
}

/** The `onTick` / `onComplete` values of an object-literal argument with a `cronTime` property, given to any call (a cron job of any wrapper). */
function cronJobCallbacks(args: readonly Node[]): Node[] | undefined {
  for (const arg of args) {
    const value = unwrap(arg);
    if (value.type !== 'ObjectExpression') continue;
    if (!value.properties.some((property) => property.type === 'Property' && propertyKeyName(property.key, property.computed) === CRON_JOB_OBJECT_KEY)) continue;
    return propertyValues(value, CRON_JOB_CALLBACK_KEYS);
  }
  return undefined;
}

/** The names a callee can be looked up by: its own last name and, for an imported binding, the imported name. */
function calleeNames(callee: Node, index: ProgramIndex): string[] {
  if (isMember(callee)) {
    const name = memberPropertyName(callee);
    return name === undefined ? [] : [name];
  }
  if (!isIdentifier(callee)) return [];
  const names = [callee.name];
  const binding = index.resolve(callee);
  if (binding && binding.kind !== 'local') {
    const imported = binding.path.at(-1);
    if (imported !== undefined && imported !== callee.name) names.push(imported);
  }
  return names;
}

function calleeMatches(matcher: CalleeMatcher, callee: Node, index: ProgramIndex): boolean {
  switch (matcher.type) {
    case 'export':
      return exportPathIs(index, callee, matcher.sources, matcher.path);
    case 'global':
      return (
        isGlobalPath(callee, matcher.path, index) ||
        (matcher.sources !== undefined && exportPathIs(index, callee, matcher.sources, [matcher.path.at(-1)!]))
      );
    case 'method':
      return (
        isMember(callee) &&
        memberPropertyName(callee) === matcher.name &&
        (!matcher.inModuleImporting || index.importsModule(...matcher.inModuleImporting)) &&
        (!matcher.receiver || matcher.receiver.test(receiverName(callee.object) ?? ''))
      );
  }
}

/** The last name of a receiver: `queue`, `emailQueue` of `this.emailQueue`, `websocketQueue` of `websocketQueue()` / `queues.websocketQueue()`. */
export function receiverName(receiver: Node): string | undefined {
  const node = unwrap(receiver);
  return lastName(isCall(node) ? node.callee : node);
}

/** Does `expression` denote `path` below one of `sources` (a default import counting as the module object)? */
function exportPathIs(index: ProgramIndex, expression: Node, sources: readonly string[], path: readonly string[]): boolean {
  const ref = index.moduleRef(expression);
  if (!ref || !sources.includes(ref.source)) return false;
  const actual = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  return actual.length === path.length && actual.every((part, i) => part === path[i]);
}

/** `setTimeout`, `globalThis.setTimeout`, `process.nextTick` with the root an unshadowed global. */
function isGlobalPath(callee: Node, path: readonly string[], index: ProgramIndex): boolean {
  const dotted = dottedName(callee);
  if (dotted === undefined) return false;
  const expected = path.join('.');
  if (dotted !== expected && dotted !== `globalThis.${expected}`) return false;
  const root = rootIdentifier(callee);
  return root !== undefined && index.isGlobal(root);
}

function labelFor(api: CallbackApi, node: CallLike): string {
  if (!api.label.includes('{event}')) return api.label;
  const event = stringValue(node.arguments[0]);
  if (event === undefined) return api.label.replace('a {event}', 'an');
  return api.label.replace('a {event}', `${/^[aeiou]/i.test(event) ? 'an' : 'a'} '${event}'`);
}

/** The arguments that can be callbacks, with `callbackKeys` looked up in object-literal arguments. */
function callbackArguments(api: CallbackApi, args: readonly Node[]): Node[] {
  if (api.lastCallback) {
    const last = args.at(-1);
    if (!last) return [];
    const type = unwrap(last).type;
    return type === 'Literal' || type === 'TemplateLiteral' || type === 'ObjectExpression' ? [] : [last];
  }
  const callbacks: Node[] = [];
  for (const arg of args.slice(api.firstCallback ?? 0)) {
    const value = unwrap(arg);
    if (api.callbackKeys && value.type === 'ObjectExpression') callbacks.push(...propertyValues(value, api.callbackKeys));
    else callbacks.push(arg);
  }
  return callbacks;
}

/** The values of an object literal's properties named `keys`: `onTick: fn` and `onTick() {}` alike. */
function propertyValues(object: TSESTree.ObjectExpression, keys: readonly string[]): Node[] {
  const values: Node[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyKeyName(property.key, property.computed);
    if (key !== undefined && keys.includes(key)) values.push(property.value);
  }
  return values;
}
