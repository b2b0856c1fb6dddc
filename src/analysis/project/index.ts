/**
 * The project index: which modules a project has, how their specifiers resolve, what each
 * imports and exports, and which functions background work reaches across modules.
 * Syntax only (no type checker); see docs/project-index.md.
 */
export { projectIndexFor, clearProjectIndexes, type ProjectIndexOptions } from './index-cache';
export { ProjectIndex, type BuildStats } from './project-index';
export type { ExportTarget } from './export-resolver';
export { findProjectRoot, readLayout, type ProjectLayout, type ProjectPackage } from './layout';
export type { TsConfig } from './tsconfig';
export type { Problem } from './file-system';
export { buildModuleRecord } from './module-record';
export { defaultCacheDirectory, RECORD_SCHEMA } from './disk-cache';
export { propagate, DEFAULT_MAX_DEPTH, type CallGraph, type PropagateOptions } from './propagate';
export type { CallEdge, ChainStep, EdgeTarget, Entry, EntryFact, FunctionSummary, ModuleFacts, ModuleSummary, Reach, Summarizer } from './summary';
export type {
  Declaration,
  DeclarationKind,
  ExportEntry,
  ImportBinding,
  ImportKind,
  Member,
  ModuleRecord,
  ModuleRequest,
  Range,
  Ref,
} from './types';
