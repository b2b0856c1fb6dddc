// The one place the codemods read the shared analysis (src/analysis): the same decisions
// the rules report, never a second copy of them.
import { analyzeProgram, findCombinatorSites, type CombinatorSite } from '../../analysis/index.js';
import { findFloatingPromiseSites, type FloatingPromiseSite } from '../../analysis/floating.js';
import type { ProgramIndex } from '../../analysis/program.js';
import { signalPlacement } from '../../analysis/signal-placement.js';
import type { CodemodOptions } from './options.js';
import type { SignalEditFinder } from './tasks.js';

export type { CombinatorSite, FloatingPromiseSite };

function analysisOptions(options: CodemodOptions) {
  return {
    everywhere: options.everywhere,
    ...(options.combinators ? { combinators: options.combinators } : {}),
    backgroundFunctions: options.backgroundFunctions,
    backgroundDecorators: options.backgroundDecorators,
  };
}

/** The combinator calls `no-unscoped-promise-combinator` reports in this program. */
export function combinatorSites(program: ProgramIndex, options: CodemodOptions): { sites: CombinatorSite[]; index: ProgramIndex } {
  const analysis = analyzeProgram(program, analysisOptions(options));
  return { sites: findCombinatorSites(analysis, analysisOptions(options)), index: analysis.index };
}

/** The floating promises `no-uncancellable-floating-promise` reports (untyped) in this program. */
export function floatingSites(index: ProgramIndex): { sites: FloatingPromiseSite[]; index: ProgramIndex } {
  return { sites: findFloatingPromiseSites(index), index };
}

/** The analysis' signal placement for calls of this program (untyped: no type hooks). */
export function signalEdits(index: ProgramIndex): SignalEditFinder {
  return (call, signalName) => signalPlacement(call, index, signalName);
}
