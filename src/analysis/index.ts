/** The analysis rules and codemods share: import from here (it knows nothing of ESLint or jscodeshift). */
export * from './ast';
export * from './program';
export { analyzeProgram, type ProgramAnalysis } from './background';
export type { BackgroundContext, BackgroundKind, BackgroundOptions } from './contexts';
export { type Combinator, COMBINATORS, combinatorOf, combinatorShape, type CombinatorShape } from './combinators';
export { type CombinatorOptions, type CombinatorSite, combinatorSiteAt, findCombinatorSites } from './combinator-sites';
// The function and call model: which same-module function a call or reference denotes, and what a handler reaches.
export { calledFunction, functionName, localFunction, referencedFunction } from './functions';
export { addReachedFunctions, functionsUsedIn } from './reachability';
export { findFloatingPromiseSites, type FloatingPromiseSite } from './floating';
export * from './rewrite';
export { DEFAULT_HELPER_MODULE, readSettings, type TaskGroupSettings } from './settings';
