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
  rewritten: number;
  left: LeftSite[];
  /** Source ranges `[start, end]` of the rewritten sites, in the input: the node the matching rule reports. */
  ranges: [number, number][];
  changed: boolean;
  error?: string;
}

/** Marks a JSON report line among jscodeshift's own output. */
export const REPORT_PREFIX = 'taskgroup-report ';

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
}
