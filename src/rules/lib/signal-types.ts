import { ESLintUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Node } from '../../analysis/ast';
import type { SignalTypeHooks } from '../../analysis/signal-placement';

/**
 * What the cancellation rules ask the type checker, when the parser gives one. Each
 * question is asked of a node that already passed the cheap AST checks.
 */
export interface SignalTypes extends Required<SignalTypeHooks> {
  /**
   * A call or `new` whose callee's signatures return a Promise or another thenable (a union
   * return type: any member). Asks for the callee's type
   * only: resolving the call itself would type-check its arguments (callback bodies included).
   */
  returnsThenable(call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression): boolean;
  /** The argument index of the callee's options parameter that takes `signal: AbortSignal`. */
  signalOptionsIndex(call: TSESTree.CallExpression | TSESTree.NewExpression): number | undefined;
  /** The value's type is the runtime's `TaskGroup` class instance. */
  isTaskGroup(node: Node): boolean;
}

/** Type questions for this file, or `undefined` without type information. */
export function signalTypes(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): SignalTypes | undefined {
  // ESLint's default parser gives no parser services at all: no types, not an error.
  const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return createSignalTypes(ESLintUtils.getParserServices(context));
}

function createSignalTypes(services: ParserServicesWithTypeInformation): SignalTypes {
  const checker = services.program.getTypeChecker();
  const tsNode = (node: Node): ts.Node => services.esTreeNodeToTSNodeMap.get(node);
  const typeOf = (node: Node): ts.Type => checker.getTypeAtLocation(tsNode(node));
  const parts = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]);
  const named = (type: ts.Type, name: string) => parts(checker.getNonNullableType(type)).some((part) => (part.getSymbol() ?? part.aliasSymbol)?.getName() === name);

  const signalProperty = (type: ts.Type, at: ts.Node): boolean =>
    parts(checker.getNonNullableType(type)).some((part) => {
      const property = part.getProperty('signal');
      return !!property && named(checker.getTypeOfSymbolAtLocation(property, at), 'AbortSignal');
    });

  const thenable = (type: ts.Type, at: ts.Node): boolean =>
    parts(type).some((part) => {
      const then = part.getProperty('then');
      return !!then && checker.getTypeOfSymbolAtLocation(then, at).getCallSignatures().length > 0;
    });

  return {
    returnsThenable(call) {
      const callee = tsNode(call.type === 'TaggedTemplateExpression' ? call.tag : call.callee);
      // `client?.send()`: the callee's type includes `undefined`, which has no signatures.
      const type = checker.getNonNullableType(checker.getTypeAtLocation(callee));
      const signatures = call.type === 'NewExpression' ? type.getConstructSignatures() : type.getCallSignatures();
      return signatures.some((signature) => thenable(signature.getReturnType(), callee));
    },
    isAbortSignal: (node) => named(typeOf(node), 'AbortSignal'),
    hasSignalProperty: (node) => signalProperty(typeOf(node), tsNode(node)),
    isTaskGroup: (node) => named(typeOf(node), 'TaskGroup'),
    signalOptionsIndex(call) {
      const at = tsNode(call);
      const signature = checker.getResolvedSignature(at as ts.CallLikeExpression);
      const parameters = signature?.getParameters() ?? [];
      const found = parameters.findIndex((parameter) => signalProperty(checker.getTypeOfSymbolAtLocation(parameter, at), at));
      return found === -1 ? undefined : found;
    },
  };
}
