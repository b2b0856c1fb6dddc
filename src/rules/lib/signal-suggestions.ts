import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type AnyNode, childNodes, isCallNode, nodeRange } from '../../analysis/ast';
import type { ProgramIndex } from '../../analysis/program';
import { findSignalApi, planEdits, signalPlacement, type TextEdit, applyEdits } from '../../analysis/signal-apis';

/**
 * A name for a new task's signal parameter at `node` that shadows nothing: `signal`
 * unless a variable of that name is in scope there or the name occurs in `node`, else
 * `signal2`, `signal3`… (the codemods choose the same way).
 */
export function freeSignalName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const used = new Set(sourceCode.getTokens(node).filter((token) => token.type === 'Identifier').map((token) => token.value));
  const bound = (name: string) => {
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
      if (scope.set.has(name)) return true;
    }
    return false;
  };
  for (let suffix = 1; ; suffix += 1) {
    const name = suffix === 1 ? 'signal' : `signal${suffix}`;
    if (!used.has(name) && !bound(name)) return name;
  }
}

/**
 * The source of `expression` with `signal` passed to every known signal-accepting call
 * inside it that has none, and the names of those APIs.
 */
export function withSignalPassed(expression: AnyNode, index: ProgramIndex, source: string, signal: string): { text: string; passed: string[] } {
  const edits: TextEdit[] = [];
  const passed: string[] = [];
  const stack = [expression];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isCallNode(node)) {
      const plan = signalPlacement(node, index, signal);
      if (plan) {
        edits.push(...planEdits(plan, source));
        passed.push(findSignalApi(node, index)!.label);
      }
    }
    stack.push(...childNodes(node));
  }
  const [start, end] = nodeRange(expression);
  return { text: applyEdits(source.slice(start, end), edits, start), passed: [...new Set(passed)] };
}
