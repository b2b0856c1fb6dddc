export declare const CORPUS_ROOT: string;
export declare const CORPUS_EXTENSIONS: readonly ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];
export declare const MAX_FILE_BYTES: number;
export interface CorpusOptions {
  /** Folder to walk (default: `node_modules` of this project). */
  root?: string;
  /** Skip files larger than this (default `MAX_FILE_BYTES`). */
  maxBytes?: number;
}
export declare function corpusFiles(options?: CorpusOptions): string[];
export declare function sampleCorpus(count?: number, options?: CorpusOptions): string[];
