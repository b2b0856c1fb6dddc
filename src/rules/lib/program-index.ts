import type { TSESLint } from '@typescript-eslint/utils';
import type { AnyNode } from '../../analysis/ast';
import { ProgramIndex } from '../../analysis/program';

const indexes = new WeakMap<object, ProgramIndex>();

/**
 * The analysis index of the file being linted, built once per AST and shared by every
 * rule of the plugin that lints it (the `Program` node is the same object for all rules).
 */
export function programIndexOf(sourceCode: Readonly<TSESLint.SourceCode>): ProgramIndex {
  const program = sourceCode.ast;
  let index = indexes.get(program);
  if (!index) {
    index = new ProgramIndex(program as unknown as AnyNode);
    indexes.set(program, index);
  }
  return index;
}
