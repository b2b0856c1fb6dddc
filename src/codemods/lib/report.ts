import { appendFileSync } from 'node:fs';

/** A site the codemod saw but could not (fully) rewrite, and why. */
export interface LeftSite {
  line: number;
  reason: string;
}

/** What one codemod did to one file: the CLI's summary is built from these. */
export interface FileReport {
  file: string;
  codemod: string;
  /** Sites rewritten so that cancellation reaches their I/O (a task passes its signal on). */
  rewritten: number;
  /** Lines of the sites rewritten whose tasks pass their signal to nothing: cancellable only at the task boundary. */
  boundary: number[];
  left: LeftSite[];
  /** Source ranges `[start, end]` of the sites, in the input: the node the matching rule reports. */
  ranges: [number, number][];
  changed: boolean;
  error?: string;
}

/**
 * Sends a file's report: one JSON line appended to `reportFile` when the CLI gave one (appends
 * of one short line are atomic across jscodeshift's worker processes), else one readable
 * line per left site through jscodeshift's `api.report`.
 */
export function sendReport(report: FileReport, reportFile: string | undefined, apiReport: ((message: string) => void) | undefined): void {
  if (reportFile) {
    appendFileSync(reportFile, `${JSON.stringify(report)}\n`);
    return;
  }
  if (report.error) return;
  for (const left of report.left) apiReport?.(`${report.codemod}: line ${left.line}: left as is: ${left.reason}`);
  for (const line of report.boundary) apiReport?.(`${report.codemod}: line ${line}: cancellable only at the task boundary (nothing in the task takes its signal)`);
}
