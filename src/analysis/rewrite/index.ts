/**
 * The rewrite planner, host-neutral: for a site the analysis decided, the whole change as
 * text edits. Rules offer it as a suggestion, `taskgroup migrate` applies it.
 */
export { applyEdits, mergeEdits, type TextEdit } from './edits';
export { planCombinatorRewrite } from './combinator-plan';
export { planFloatingRewrite } from './floating-plan';
export { type HelperExport, type ImportPlan, planHelperImport } from './imports';
export { isCommonJSFile } from './module-kind';
export type { PlanFile, RewritePlan } from './plan';
