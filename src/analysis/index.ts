/** The analysis rules and codemods share: import from here (it knows nothing of ESLint or jscodeshift). */
export * from './ast';
export * from './program';
export { analyzeProgram, type ProgramAnalysis } from './background';
export type { BackgroundContext, BackgroundKind, BackgroundOptions } from './contexts';
export { type Combinator, COMBINATORS, combinatorOf, combinatorShape, type CombinatorShape } from './combinators';
export { type CombinatorOptions, type CombinatorSite, combinatorSiteAt, findCombinatorSites } from './combinator-sites';
