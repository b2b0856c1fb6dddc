/**
 * Background work across modules: each module's facts (functions, calls, entries) from the
 * single-file analysis, propagated through the project index once per run; what the rules
 * and the codemods ask for one file. See docs/project-index.md.
 */
export { backgroundSummarizer, summarizeModule } from './summarize';
export { projectReach, type FarReach, type ProjectReach } from './reach';
export { DEFAULT_CROSS_MODULE_DEPTH, farContextAt, farLookupFor, type CrossModuleOptions, type FarLookup } from './far-context';
