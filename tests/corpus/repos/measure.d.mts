// Types of measure.mjs (plain JavaScript so that scripts/precision.mjs runs without a loader).

export interface RepoEntry {
  name: string;
  /** owner/name on GitHub. */
  repo: string;
  commit: string;
  why: string;
}

export interface ReposFile {
  seed: string;
  samplePerRule: number;
  /** Floors the test asserts: precision per rule (0..1) over the sample, recall (0..1) over every hand-listed site. */
  targets: { precision: Record<string, number>; recall: number };
  repos: RepoEntry[];
}

/** Where a report is and what it points at. */
export interface Site {
  file: string;
  line: number;
  column: number;
  rule: string;
  /** Whitespace-collapsed text of the reported range, first 80 characters. */
  snippet: string;
}

export interface Report extends Site {
  message: string;
}

/** A judged report. */
export interface JudgedLabel extends Site {
  verdict: 'tp' | 'fp';
  category: string;
  reason: string;
}

/** A hand-listed site that should be reported. */
export interface ExpectedSite {
  file: string;
  line: number;
  rule: string;
  snippet: string;
  /** What kind of background handler it is in. */
  kind: string;
  /** What finding it takes: plain syntax, configuration, another module, or types. */
  needs: 'syntax' | 'config' | 'cross-module' | 'types';
  why: string;
  /** Why the rules miss it today (absent when they find it). */
  missedBecause?: string;
}

export interface Labels {
  judged: JudgedLabel[];
  expected: ExpectedSite[];
}

export interface SampleEntry extends Report {
  repo: string;
  verdict?: 'tp' | 'fp';
  category?: string;
  reason?: string;
}

export interface RepoMeasurement {
  name: string;
  skipped?: string;
  dir?: string;
  files?: number;
  unparsable?: number;
  counts?: Record<string, Record<string, number>>;
  expected?: (ExpectedSite & { found: boolean })[];
  staleLabels?: number;
}

export interface Measurement {
  rules: Record<string, string[]>;
  seed: string;
  samplePerRule: number;
  perRepo: RepoMeasurement[];
  sample: Record<string, SampleEntry[]>;
  /** Every current report that has a label, in the sample or not. */
  judged: SampleEntry[];
}

export declare const PROJECT_ROOT: string;
export declare const REPOS_FILE: string;
export declare const LABELS_DIR: string;
export declare const CHECKOUT_ROOT: string;
export declare const COMMIT_MARKER: string;
export declare const CACHE_DIR: string;
export declare const EXPECTED_DRIFT: number;
export declare const CONFIGS: readonly ['recommended', 'strict'];
export declare function loadRepos(): ReposFile;
export declare function loadLabels(name: string): Labels;
export declare function locateCheckout(entry: RepoEntry, root?: string): { dir: string; skip?: undefined } | { skip: string; dir?: undefined };
export declare function snippetOf(lines: string[], message: { line: number; column: number; endLine?: number; endColumn?: number }): string;
export declare function matchLabels<R extends Site, L extends Site>(reports: R[], labels: L[]): Map<R, L>;
export declare function matchExpected<R extends Site>(expected: ExpectedSite[], reports: R[]): Map<ExpectedSite, R>;
export declare function sampleKey(seed: string, repo: string, report: Site & { occurrence?: number }): string;
export declare function drawSample<E extends { repo: string; report: Site }>(all: E[], seed: string, perRule: number): Map<string, (E & { key: string })[]>;
export declare function measure(config: ReposFile, repos?: RepoEntry[], options?: { fresh?: boolean }): Promise<Measurement>;
export declare function countByRule(reports: Site[]): Record<string, number>;
export declare function precisionOf(entries: { verdict?: string }[]): { sampled: number; judged: number; actedOn: number; precision: number | undefined };
export declare function recallOf(sites: { found: boolean }[]): { expected: number; found: number; recall: number | undefined };
export declare function percent(part: number, whole: number): string;
