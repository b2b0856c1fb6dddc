import type { TSESLint } from '@typescript-eslint/utils';
import type { AnyNode } from '../../analysis/ast';
import { analyzeProgram, type BackgroundOptions, type ProgramAnalysis } from '../../analysis/background';
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

const analyses = new WeakMap<ProgramIndex, Map<string, ProgramAnalysis>>();

/** The background analysis of the file for these options, built once per file and options. */
export function backgroundAnalysisOf(sourceCode: Readonly<TSESLint.SourceCode>, options: BackgroundOptions): ProgramAnalysis {
  const index = programIndexOf(sourceCode);
  let byOptions = analyses.get(index);
  if (!byOptions) {
    byOptions = new Map();
    analyses.set(index, byOptions);
  }
  const key = JSON.stringify([options.backgroundFunctions ?? [], options.backgroundDecorators ?? []]);
  let analysis = byOptions.get(key);
  if (!analysis) {
    analysis = analyzeProgram(index, options);
    byOptions.set(key, analysis);
  }
  return analysis;
}
