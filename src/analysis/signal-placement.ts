import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isFunctionNode, isIdentifier, isNew, propertyKeyName, unwrap } from './ast';
import { insertAt, replaceRange, type TextEdit } from './rewrite/edits';
import type { ProgramIndex } from './program';
import { findSignalApi, isStringArgument, type SignalApi } from './signal-api-table';

/** What type information adds to the AST checks (given by typed rules; absent otherwise). */
export interface SignalTypeHooks {
  /** The expression's type is `AbortSignal`. */
  isAbortSignal?: (node: Node) => boolean;
  /** The expression (a spread argument) is an object type with a `signal` property. */
  hasSignalProperty?: (node: Node) => boolean;
}

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * How to give a call its signal, in terms of the source:
 * - `insert-argument`: insert `{ signal }` as argument `index`, preceded by `padding`
 *   `undefined` arguments when the call has fewer than `index` (`setTimeout(ms)` →
 *   `setTimeout(ms, undefined, { signal })`), before the argument now there (a callback);
 *   with `bare`, the signal itself rather than an options object (a signal parameter);
 * - `add-property`: add `signal` to the options object literal `object`;
 * - `spread-options`: replace the options expression `argument` with `{ ...argument, signal }`
 *   (`{ signal }` when it is `undefined` or `null`);
 * - `encoding-options`: replace the encoding string `argument` with `{ encoding: argument, signal }`.
 * `signal` is the expression to pass (`signal`, `group.signal`).
 */
export type SignalPlan =
  | { kind: 'insert-argument'; call: CallLike; index: number; padding: number; signal: string; bare?: boolean }
  | { kind: 'add-property'; object: TSESTree.ObjectExpression; signal: string }
  | { kind: 'spread-options'; argument: Node; signal: string }
  | { kind: 'encoding-options'; argument: Node; signal: string };

const SIGNAL_NAME = /signal$/i;
const SIGNAL_FACTORIES = new Set(['AbortSignal.timeout', 'AbortSignal.any', 'AbortSignal.abort']);

/**
 * Does the call already receive an `AbortSignal`? An argument named or typed as a signal
 * (`signal`, `ctrl.signal`), `AbortSignal.timeout(...)`/`any(...)`, or an object literal with
 * a `signal` property (shorthand included, and a spread whose type has one when types tell).
 */
export function receivesSignal(call: Node, hooks: SignalTypeHooks = {}): boolean {
  if (!isCall(call) && !isNew(call)) return false;
  return call.arguments.some((raw) => isSignalExpression(raw, hooks) || carriesSignal(unwrap(raw), hooks));
}

function isSignalExpression(raw: Node, hooks: SignalTypeHooks): boolean {
  const argument = unwrap(raw);
  if (argument.type === 'SpreadElement') return false;
  const name = dottedName(argument);
  if (name !== undefined && SIGNAL_NAME.test(name)) return true;
  if (isCall(argument)) {
    const callee = dottedName(argument.callee);
    if (callee !== undefined && SIGNAL_FACTORIES.has(callee)) return true;
  }
  // Only a variable or a property can hold a signal the AST does not show by name.
  return (isIdentifier(argument) || argument.type === 'MemberExpression') && (hooks.isAbortSignal?.(argument) ?? false);
}

function carriesSignal(argument: Node | undefined, hooks: SignalTypeHooks): boolean {
  if (argument?.type !== 'ObjectExpression') return false;
  return argument.properties.some((property) => {
    if (property.type === 'SpreadElement') return hooks.hasSignalProperty?.(unwrap(property.argument)) ?? false;
    return propertyKeyName(property.key, property.computed) === 'signal';
  });
}

/**
 * How to pass `signal` to a call of a known signal-accepting API; `undefined` when the
 * call is not one or already receives a signal.
 */
export function signalPlacement(call: Node, index: ProgramIndex, signal = 'signal', hooks: SignalTypeHooks = {}): SignalPlan | undefined {
  if (!isCall(call)) return undefined;
  const api = findSignalApi(call, index);
  if (!api || receivesSignal(call, hooks)) return undefined;
  return placementAt(call, api.optionsIndex(call.arguments), signal, api);
}

/** The plan for an options argument at `optionsIndex` (also used with types, for any callee). */
export function placementAt(
  call: CallLike,
  optionsIndex: number,
  signal: string,
  api: Pick<SignalApi, 'encodingShorthand' | 'callbackAfterOptions'> = {},
): SignalPlan {
  const raw = call.arguments[optionsIndex];
  if (!raw) return { kind: 'insert-argument', call, index: optionsIndex, padding: Math.max(0, optionsIndex - call.arguments.length), signal };
  const argument = unwrap(raw);
  if (argument.type === 'ObjectExpression') return { kind: 'add-property', object: argument, signal };
  if (api.callbackAfterOptions && isFunctionNode(argument)) return { kind: 'insert-argument', call, index: optionsIndex, padding: 0, signal };
  if (api.encodingShorthand && isStringArgument(argument)) return { kind: 'encoding-options', argument: raw, signal };
  return { kind: 'spread-options', argument: raw, signal };
}

/** The plan that passes `signal` itself as argument `index` (a signal parameter of a function of the module). */
export function parameterPlacement(call: CallLike, index: number, signal: string): SignalPlan {
  return { kind: 'insert-argument', call, index, padding: Math.max(0, index - call.arguments.length), signal, bare: true };
}

/**
 * The text edits that carry out a plan on `source` (the file's text). `property` is the
 * option written (`signal`, `signal: group.signal`); another option can be placed the same
 * way (`timeout: 30_000`).
 */
export function planEdits(plan: SignalPlan, source: string, property = plan.signal === 'signal' ? 'signal' : `signal: ${plan.signal}`): TextEdit[] {
  switch (plan.kind) {
    case 'insert-argument': {
      const args = plan.call.arguments;
      const inserted = `${'undefined, '.repeat(plan.padding)}${plan.bare ? plan.signal : `{ ${property} }`}`;
      const before = args[plan.index];
      if (before) return [insertAt(before.range[0], `${inserted}, `)];
      const last = args.at(-1);
      if (last) return [insertAt(last.range[1], `, ${inserted}`)];
      const close = source.lastIndexOf(')', plan.call.range[1] - 1);
      return [insertAt(close, inserted)];
    }
    case 'add-property': {
      const last = plan.object.properties.at(-1);
      if (!last) return [replaceRange(plan.object.range, `{ ${property} }`)];
      return [insertAt(last.range[1], `, ${property}`)];
    }
    case 'spread-options': {
      const argument = unwrap(plan.argument);
      const empty = isIdentifier(argument, 'undefined') || (argument.type === 'Literal' && argument.value === null);
      const text = source.slice(...plan.argument.range);
      return [replaceRange(plan.argument.range, empty ? `{ ${property} }` : `{ ...${text}, ${property} }`)];
    }
    case 'encoding-options': {
      const text = source.slice(...plan.argument.range);
      return [replaceRange(plan.argument.range, `{ encoding: ${text}, ${property} }`)];
    }
  }
}
