import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isFunctionNode, isIdentifier, isMember, lastName, memberPropertyName, stringValue, unwrap } from './ast';
import type { ProgramIndex } from './program';

/**
 * The APIs known to accept an `AbortSignal` without type information (DESIGN.md, "Rules"),
 * with their import sources and where each takes its options.
 */
export interface SignalApi {
  /** How messages name it: `fetch`, `setTimeout of node:timers/promises`, `axios.get`. */
  label: string;
  /** Its result is a promise (`on` and `setInterval` return async iterators, `exec` a ChildProcess). */
  returnsPromise: boolean;
  /** Where the options argument that carries `signal` sits, given the call's arguments. */
  optionsIndex: (args: readonly TSESTree.CallExpressionArgument[]) => number;
  /** `readFile(path, 'utf8')`: a string argument in the options slot is an encoding. */
  encodingShorthand?: boolean;
  /** `exec(cmd, callback)`: a function in the options slot is the callback; options go before it. */
  callbackAfterOptions?: boolean;
}

const at = (index: number) => () => index;

/** `got(url, opts)` or `got(opts)`; `axios(url, cfg)` or `axios(cfg)`. */
const urlOrConfig = (args: readonly Node[]) => (args.length === 0 || unwrap(args[0])?.type === 'ObjectExpression' ? 0 : 1);

/** `pipeline(a, b, c, { signal })`: a trailing object literal is the options, else they are appended. */
const trailingOptions = (args: readonly Node[]) => {
  const last = args.length - 1;
  return last > 0 && unwrap(args[last])?.type === 'ObjectExpression' ? last : args.length;
};

const OPTIONS_NAME = /opt|config|init|settings/i;

/** `spawn(cmd, args?, options?)`: options at 1 unless argument 1 is the argument list. */
const afterOptionalArgv = (args: readonly Node[]) => {
  const second = unwrap(args[1]);
  if (!second || second.type === 'ObjectExpression' || isFunctionNode(second)) return 1;
  if (second.type === 'ArrayExpression') return 2;
  const third = unwrap(args[2]);
  if (third && !isFunctionNode(third)) return 2; // something follows: argument 1 is the list
  const name = dottedName(second);
  return name !== undefined && OPTIONS_NAME.test(name) ? 1 : 2;
};

interface ModuleEntry {
  sources: readonly string[];
  /** Export path below the module object, a `default` prefix ignored: `['promises', 'readFile']`. */
  path: readonly string[];
  api: SignalApi;
}

const node = (name: string) => [name, `node:${name}`];
const api = (label: string, optionsIndex: SignalApi['optionsIndex'], returnsPromise = true, extra: Partial<SignalApi> = {}): SignalApi => ({
  label,
  optionsIndex,
  returnsPromise,
  ...extra,
});

const FETCH = api('fetch', at(1));

const HTTP_METHODS_WITH_BODY = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
const HTTP_METHODS_WITHOUT_BODY = ['get', 'delete', 'head', 'options'];

function axiosEntries(): ModuleEntry[] {
  return [
    { sources: ['axios'], path: [], api: api('axios', urlOrConfig) },
    { sources: ['axios'], path: ['request'], api: api('axios.request', at(0)) },
    ...HTTP_METHODS_WITHOUT_BODY.map((method) => ({ sources: ['axios'], path: [method], api: api(`axios.${method}`, at(1)) })),
    ...HTTP_METHODS_WITH_BODY.map((method) => ({ sources: ['axios'], path: [method], api: api(`axios.${method}`, at(2)) })),
  ];
}

/** got and ky: the function itself and its HTTP-method shortcuts take `(url, options)`. */
function httpClientEntries(source: string): ModuleEntry[] {
  return [
    { sources: [source], path: [], api: api(source, source === 'got' ? urlOrConfig : at(1)) },
    ...[...HTTP_METHODS_WITHOUT_BODY.filter((m) => m !== 'options'), 'post', 'put', 'patch'].map((method) => ({
      sources: [source],
      path: [method],
      api: api(`${source}.${method}`, at(1)),
    })),
  ];
}

const MODULE_APIS: ModuleEntry[] = [
  ...['setTimeout', 'setImmediate'].map((name) => ({
    sources: node('timers/promises'),
    path: [name],
    api: api(`${name} of node:timers/promises`, at(name === 'setTimeout' ? 2 : 1)),
  })),
  { sources: node('timers/promises'), path: ['setInterval'], api: api('setInterval of node:timers/promises', at(2), false) },
  { sources: node('timers/promises'), path: ['scheduler', 'wait'], api: api('scheduler.wait of node:timers/promises', at(1)) },
  { sources: node('timers'), path: ['promises', 'setTimeout'], api: api('setTimeout of node:timers/promises', at(2)) },
  ...[[], ['EventEmitter']].flatMap((prefix) => [
    { sources: node('events'), path: [...prefix, 'once'], api: api('once of node:events', at(2)) },
    { sources: node('events'), path: [...prefix, 'on'], api: api('on of node:events', at(2), false) },
  ]),
  ...[[], ['promises']].flatMap((prefix) => [
    { sources: prefix.length ? node('stream') : node('stream/promises'), path: [...prefix, 'pipeline'], api: api('pipeline of node:stream/promises', trailingOptions) },
    { sources: prefix.length ? node('stream') : node('stream/promises'), path: [...prefix, 'finished'], api: api('finished of node:stream/promises', at(1)) },
    {
      sources: prefix.length ? node('fs') : node('fs/promises'),
      path: [...prefix, 'readFile'],
      api: api('readFile of node:fs/promises', at(1), true, { encodingShorthand: true }),
    },
    {
      sources: prefix.length ? node('fs') : node('fs/promises'),
      path: [...prefix, 'writeFile'],
      api: api('writeFile of node:fs/promises', at(2), true, { encodingShorthand: true }),
    },
  ]),
  ...['exec', 'execFile', 'spawn', 'fork'].map((name) => ({
    sources: node('child_process'),
    path: [name],
    api: api(`${name} of node:child_process`, name === 'exec' ? at(1) : afterOptionalArgv, false, { callbackAfterOptions: true }),
  })),
  { sources: ['undici'], path: ['fetch'], api: api('fetch of undici', at(1)) },
  { sources: ['undici'], path: ['request'], api: api('request of undici', at(1)) },
  { sources: ['node-fetch'], path: [], api: api('fetch of node-fetch', at(1)) },
  ...axiosEntries(),
  ...httpClientEntries('got'),
  ...httpClientEntries('ky'),
];

/** Last names of every known callee: a call whose callee ends otherwise is rejected before any lookup. */
const CALLEE_NAMES = new Set<string>([
  'fetch',
  ...MODULE_APIS.map((entry) => entry.path.at(-1) ?? ''),
  'axios',
  'got',
  'ky',
]);

/** Every module the table names (`node:`-prefixed and bare). */
export const SIGNAL_API_SOURCES: ReadonlySet<string> = new Set(MODULE_APIS.flatMap((entry) => entry.sources));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const QUOTED_SOURCE = new RegExp(`(['"\`])(?:${[...SIGNAL_API_SOURCES].map(escape).join('|')})\\1`);

/**
 * Cheap pre-check on a file's text: does it quote one of the table's module names? A file
 * that does not cannot import or require any API of the table (only the global `fetch`).
 */
export function mentionsSignalApiModule(text: string): boolean {
  return QUOTED_SOURCE.test(text);
}

/** Could a callee ending in `name` be in the table at all? */
export function isSignalApiName(name: string): boolean {
  return CALLEE_NAMES.has(name);
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

/** The known signal-accepting API a call invokes, or `undefined`. */
export function findSignalApi(call: Node, index: ProgramIndex): SignalApi | undefined {
  if (!isCall(call)) return undefined;
  const callee = unwrap(call.callee);
  const name = lastName(callee);
  // Members are filtered by name before any lookup; an identifier may be a renamed import.
  if (name === undefined || (!isIdentifier(callee) && !CALLEE_NAMES.has(name))) return undefined;
  if (name === 'fetch' && isGlobalFetch(callee, index)) return FETCH;
  const ref = index.moduleRef(callee) ?? axiosInstanceRef(callee, index);
  if (!ref) return undefined;
  const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  const key = path.join('.');
  return MODULE_APIS.find((entry) => entry.sources.includes(ref.source) && entry.path.join('.') === key)?.api;
}

function isGlobalFetch(callee: Node, index: ProgramIndex): boolean {
  if (isIdentifier(callee)) return index.isGlobal(callee);
  if (!isMember(callee)) return false;
  const object = unwrap(callee.object);
  return isIdentifier(object) && GLOBAL_OBJECTS.has(object.name) && index.isGlobal(object);
}

/**
 * `api.get(url)` where `const api = axios.create(...)`: an axios instance takes the
 * same arguments as `axios` itself and its methods.
 */
function axiosInstanceRef(callee: Node, index: ProgramIndex): { source: string; path: string[] } | undefined {
  const base = isMember(callee) ? unwrap(callee.object) : callee;
  if (!isIdentifier(base)) return undefined;
  const binding = index.resolve(base);
  if (binding?.kind !== 'local' || binding.declaration.type !== 'VariableDeclarator' || !binding.init) return undefined;
  const init = unwrap(binding.init);
  if (!isCall(init) || !index.refersTo(init.callee, ['axios'], 'create')) return undefined;
  const method = isMember(callee) ? memberPropertyName(callee) : undefined;
  return { source: 'axios', path: method === undefined ? [] : [method] };
}

/** Is `node` (a call argument) a string literal, for `readFile(path, 'utf8')`? */
export function isStringArgument(node: Node | null | undefined): boolean {
  return stringValue(unwrap(node)) !== undefined;
}
