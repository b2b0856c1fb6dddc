import {
  type AnyNode,
  dottedName,
  isCallNode,
  isFunctionNode,
  isIdentifier,
  isObjectExpression,
  isObjectProperty,
  isSpreadNode,
  nodeRange,
  propertyKeyName,
  unwrap,
} from './ast';
import type { ProgramIndex } from './program';
import { findSignalApi, isStringArgument, type SignalApi } from './signal-api-table';

/** What type information adds to the AST checks (given by typed rules; absent otherwise). */
export interface SignalTypeHooks {
  /** The expression's type is `AbortSignal`. */
  isAbortSignal?: (node: AnyNode) => boolean;
  /** The expression (a spread argument) is an object type with a `signal` property. */
  hasSignalProperty?: (node: AnyNode) => boolean;
}

/**
 * How to give a call its signal, in terms of the source (dialect-neutral):
 * - `insert-argument`: insert `{ signal }` as argument `index`, preceded by `padding`
 *   `undefined` arguments when the call has fewer than `index` (`setTimeout(ms)` →
 *   `setTimeout(ms, undefined, { signal })`), before the argument now there (a callback);
 * - `add-property`: add `signal` to the options object literal `object`;
 * - `spread-options`: replace the options expression `argument` with `{ ...argument, signal }`
 *   (`{ signal }` when it is `undefined` or `null`);
 * - `encoding-options`: replace the encoding string `argument` with `{ encoding: argument, signal }`.
 * `signal` is the expression to pass (`signal`, `group.signal`).
 */
export type SignalPlan =
  | { kind: 'insert-argument'; call: AnyNode; index: number; padding: number; signal: string }
  | { kind: 'add-property'; object: AnyNode; signal: string }
  | { kind: 'spread-options'; argument: AnyNode; signal: string }
  | { kind: 'encoding-options'; argument: AnyNode; signal: string };

/** A replacement of source text `[start, end)`; an insertion has `start === end`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

const SIGNAL_NAME = /signal$/i;
const SIGNAL_FACTORIES = new Set(['AbortSignal.timeout', 'AbortSignal.any', 'AbortSignal.abort']);

/**
 * Does the call already receive an `AbortSignal`? An argument named or typed as a signal
 * (`signal`, `ctrl.signal`), `AbortSignal.timeout(...)`/`any(...)`, or an object literal with
 * a `signal` property (shorthand included, and a spread whose type has one when types tell).
 */
export function receivesSignal(call: AnyNode, hooks: SignalTypeHooks = {}): boolean {
  if (!isCallNode(call) && call.type !== 'NewExpression') return false;
  return (call.arguments as AnyNode[]).some((raw) => isSignalExpression(raw, hooks) || carriesSignal(unwrap(raw), hooks));
}

function isSignalExpression(raw: AnyNode, hooks: SignalTypeHooks): boolean {
  const argument = unwrap(raw);
  if (isSpreadNode(argument)) return false;
  const name = dottedName(argument);
  if (name !== undefined && SIGNAL_NAME.test(name)) return true;
  if (isCallNode(argument)) {
    const callee = dottedName(argument.callee);
    if (callee !== undefined && SIGNAL_FACTORIES.has(callee)) return true;
  }
  // Only a variable or a property can hold a signal the AST does not show by name.
  return (isIdentifier(argument) || argument.type === 'MemberExpression') && (hooks.isAbortSignal?.(argument) ?? false);
}

function carriesSignal(argument: AnyNode | undefined, hooks: SignalTypeHooks): boolean {
  if (!isObjectExpression(argument)) return false;
  return argument.properties.some((property) => {
    if (isSpreadNode(property)) return hooks.hasSignalProperty?.(unwrap(property.argument)) ?? false;
    return (isObjectProperty(property) || property.type === 'Property') && propertyKeyName(property.key as AnyNode, property.computed as boolean) === 'signal';
  });
}

/**
 * How to pass `signal` to a call of a known signal-accepting API; `undefined` when the
 * call is not one or already receives a signal.
 */
export function signalPlacement(call: AnyNode, index: ProgramIndex, signal = 'signal', hooks: SignalTypeHooks = {}): SignalPlan | undefined {
  const api = findSignalApi(call, index);
  if (!api || receivesSignal(call, hooks)) return undefined;
  return placementAt(call, api.optionsIndex(call.arguments as AnyNode[]), signal, api);
}

/** The plan for an options argument at `optionsIndex` (also used with types, for any callee). */
export function placementAt(
  call: AnyNode,
  optionsIndex: number,
  signal: string,
  api: Pick<SignalApi, 'encodingShorthand' | 'callbackAfterOptions'> = {},
): SignalPlan {
  const args = call.arguments as AnyNode[];
  const raw = args[optionsIndex];
  if (!raw) return { kind: 'insert-argument', call, index: optionsIndex, padding: Math.max(0, optionsIndex - args.length), signal };
  const argument = unwrap(raw);
  if (isObjectExpression(argument)) return { kind: 'add-property', object: argument, signal };
  if (api.callbackAfterOptions && isFunctionNode(argument)) return { kind: 'insert-argument', call, index: optionsIndex, padding: 0, signal };
  if (api.encodingShorthand && isStringArgument(argument)) return { kind: 'encoding-options', argument: raw, signal };
  return { kind: 'spread-options', argument: raw, signal };
}

/**
 * The text edits that carry out a plan on `source` (the file's text). `property` is the
 * option written (`signal`, `signal: group.signal`); another option can be placed the same
 * way (`timeout: 30_000`).
 */
export function planEdits(plan: SignalPlan, source: string, property = plan.signal === 'signal' ? 'signal' : `signal: ${plan.signal}`): TextEdit[] {
  switch (plan.kind) {
    case 'insert-argument': {
      const args = plan.call.arguments as AnyNode[];
      const inserted = `${'undefined, '.repeat(plan.padding)}{ ${property} }`;
      const before = args[plan.index];
      if (before) {
        const start = nodeRange(before)[0];
        return [{ range: [start, start], text: `${inserted}, ` }];
      }
      const last = args.at(-1);
      if (last) {
        const end = nodeRange(last)[1];
        return [{ range: [end, end], text: `, ${inserted}` }];
      }
      const close = source.lastIndexOf(')', nodeRange(plan.call)[1] - 1);
      return [{ range: [close, close], text: inserted }];
    }
    case 'add-property': {
      const properties = plan.object.properties as AnyNode[];
      const last = properties.at(-1);
      if (!last) return [{ range: nodeRange(plan.object), text: `{ ${property} }` }];
      const end = nodeRange(last)[1];
      return [{ range: [end, end], text: `, ${property}` }];
    }
    case 'spread-options': {
      const argument = unwrap(plan.argument);
      const empty = (isIdentifier(argument, 'undefined') || (argument.type === 'Literal' && argument.value === null) || argument.type === 'NullLiteral');
      const text = source.slice(...nodeRange(plan.argument));
      return [{ range: nodeRange(plan.argument), text: empty ? `{ ${property} }` : `{ ...${text}, ${property} }` }];
    }
    case 'encoding-options': {
      const text = source.slice(...nodeRange(plan.argument));
      return [{ range: nodeRange(plan.argument), text: `{ encoding: ${text}, ${property} }` }];
    }
  }
}

/** Apply non-overlapping edits to a text (for tests and for building replacement text). */
export function applyEdits(text: string, edits: readonly TextEdit[], offset = 0): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    result = result.slice(0, edit.range[0] - offset) + edit.text + result.slice(edit.range[1] - offset);
  }
  return result;
}
