import path from 'node:path';
import type { FileReport } from '../codemods/lib/report.js';
import type { Skipped } from './files.js';
import { oneLine, plural } from './util.js';

/** What `taskgroup migrate` did, as printed at the end (or as JSON with `--json`). */
export interface MigrateSummary {
  dry: boolean;
  files: { scanned: number; changed: number; unchanged: number; failed: number; skipped: number };
  /** Sites rewritten so that cancellation reaches their I/O, per codemod. */
  rewritten: Record<string, number>;
  /** Sites rewritten whose tasks pass their signal to nothing (cancellable only at the task boundary), per codemod: not counted in `rewritten`. */
  boundary: Record<string, { count: number; sites: string[] }>;
  left: { reason: string; count: number; sites: string[] }[];
  failed: { file: string; error: string }[];
  skipped: Skipped[];
  changedFiles: string[];
  /** Where the rewritten files import the runtime from, and why (see `chooseRuntime`). */
  runtime?: { module: string; vendored: boolean; reason: string };
}

/** Builds the summary from the transforms' reports, the files given to the runner and those passed over. */
export function summarize(
  files: readonly string[],
  reports: readonly FileReport[],
  skipped: readonly Skipped[],
  failedOutside: readonly { file: string; error: string }[],
  codemods: readonly string[],
  dry: boolean,
  cwd = process.cwd(),
): MigrateSummary {
  const rel = (file: string) => path.relative(cwd, file) || file;
  const rewritten: Record<string, number> = Object.fromEntries(codemods.map((name) => [name, 0]));
  const boundary: MigrateSummary['boundary'] = {};
  const changed = new Set<string>();
  const failed = new Map<string, string>();
  const left = new Map<string, string[]>();
  const reported = new Set<string>();
  for (const report of reports) {
    reported.add(report.file);
    if (report.error) {
      if (!failed.has(report.file)) failed.set(report.file, oneLine(report.error));
      continue;
    }
    rewritten[report.codemod] = (rewritten[report.codemod] ?? 0) + report.rewritten;
    for (const line of report.boundary) {
      const entry = (boundary[report.codemod] ??= { count: 0, sites: [] });
      entry.count += 1;
      entry.sites.push(`${rel(report.file)}:${line}`);
    }
    if (report.changed) changed.add(report.file);
    for (const site of report.left) {
      const reason = oneLine(site.reason);
      const sites = left.get(reason) ?? [];
      sites.push(`${rel(report.file)}:${site.line}`);
      left.set(reason, sites);
    }
  }
  for (const file of files) if (!reported.has(file) && !failed.has(file)) failed.set(file, 'no report from the jscodeshift worker (the file could not be read?)');
  for (const { file, error } of failedOutside) failed.set(file, oneLine(error));
  // A file that failed in a later step was not written: it is not changed.
  for (const file of failed.keys()) changed.delete(file);
  const failedList = [...failed].map(([file, error]) => ({ file: rel(file), error }));
  return {
    dry,
    files: {
      scanned: files.length,
      changed: changed.size,
      unchanged: files.length - changed.size - [...failed.keys()].filter((file) => files.includes(file)).length,
      failed: failed.size,
      skipped: skipped.length,
    },
    rewritten,
    boundary,
    left: [...left].map(([reason, sites]) => ({ reason, count: sites.length, sites })).sort((a, b) => b.count - a.count),
    failed: failedList,
    skipped: skipped.map((entry) => ({ file: rel(entry.file), reason: entry.reason })),
    changedFiles: [...changed].sort().map(rel),
  };
}

/** The summary as the lines a person reads. */
export function formatSummary(summary: MigrateSummary): string {
  const { files, dry } = summary;
  const lines = [
    `${dry ? 'Dry run (nothing written): ' : ''}${plural(files.scanned, 'file')} scanned, ${files.changed} ${dry ? 'would change' : 'changed'}, ${files.unchanged} unchanged, ${files.failed} failed, ${files.skipped} skipped`,
  ];
  for (const [codemod, count] of Object.entries(summary.rewritten)) {
    const atBoundary = summary.boundary[codemod]?.count ?? 0;
    lines.push(`  ${codemod}: ${plural(count, 'site')} ${dry ? 'to rewrite' : 'rewritten'}${atBoundary > 0 ? `, ${atBoundary} cancellable only at the task boundary` : ''}`);
  }
  const boundary = Object.entries(summary.boundary);
  if (boundary.length > 0) {
    lines.push(`Cancellable only at the task boundary (${dry ? 'to be rewritten' : 'rewritten'}, but nothing in the task takes its signal: pass it on where the work can stop):`);
    for (const [codemod, entry] of boundary) {
      lines.push(`  ${entry.count} × ${codemod} (${entry.sites.slice(0, 5).join(', ')}${entry.sites.length > 5 ? ', ...' : ''})`);
    }
  }
  if (summary.runtime) lines.push(`Runtime: ${summary.runtime.reason}`);
  if (summary.left.length > 0) {
    lines.push('Sites left as they were, and why:');
    for (const entry of summary.left) {
      const shown = entry.sites.slice(0, 5).join(', ');
      lines.push(`  ${entry.count} × ${entry.reason} (${shown}${entry.sites.length > 5 ? ', ...' : ''})`);
    }
  }
  if (summary.failed.length > 0) {
    lines.push('Failed (left unchanged):');
    for (const entry of summary.failed) lines.push(`  ${entry.file}: ${entry.error}`);
  }
  if (summary.skipped.length > 0) {
    lines.push('Skipped:');
    for (const entry of summary.skipped) lines.push(`  ${entry.file}: ${entry.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
