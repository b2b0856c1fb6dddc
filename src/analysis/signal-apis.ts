/**
 * The signal-accepting APIs, as the rules and codemods use them: which call is one
 * (`findSignalApi`), whether a call already receives a signal (`receivesSignal`), and how
 * to give it one (`signalPlacement` → a `SignalPlan`, carried out by `planEdits`).
 * The table lives in `signal-api-table.ts`, the plans in `signal-placement.ts`.
 */
export { findSignalApi, type SignalApi } from './signal-api-table';
export { placementAt, planEdits, receivesSignal, signalPlacement, type SignalPlan, type SignalTypeHooks } from './signal-placement';
