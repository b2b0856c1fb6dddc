import type { TSESLint } from '@typescript-eslint/utils';
import { analyzeProgram, type BackgroundOptions, type ProgramAnalysis } from '../../analysis/background';
import { ProgramIndex } from '../../analysis/program';
import type { PlanFile } from '../../analysis/rewrite/plan';
import type { ScopeManagerLike } from '../../analysis/scopes';
import type { VisitorKeys } from '../../analysis/walk';

const indexes = new WeakMap<object, ProgramIndex>();

/**
 * The analysis index of the file being linted, over ESLint's own tree and scope manager
 * (`@typescript-eslint/scope-manager`, or `eslint-scope` for espree), built once per AST and
 * shared by every rule of the plugin that lints it.
 */
export function programIndexOf(sourceCode: Readonly<TSESLint.SourceCode>): ProgramIndex {
  const program = sourceCode.ast;
  let index = indexes.get(program);
  if (!index) {
    index = new ProgramIndex({
      ast: program,
      scopeManager: sourceCode.scopeManager as unknown as ScopeManagerLike,
      visitorKeys: sourceCode.visitorKeys as VisitorKeys,
    });
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
  const key = JSON.stringify([options.backgroundFunctions ?? [], options.backgroundDecorators ?? [], options.farContext ? 'far' : '']);
  let analysis = byOptions.get(key);
  if (!analysis) {
    analysis = analyzeProgram(index, options);
    byOptions.set(key, analysis);
  }
  return analysis;
}

/** The file as the rewrite planner takes it: the same planner `taskgroup migrate` runs. */
export function planFileOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, helperModule: string): PlanFile {
  return { index: programIndexOf(context.sourceCode), source: context.sourceCode.text, filename: context.filename, helperModule };
}
