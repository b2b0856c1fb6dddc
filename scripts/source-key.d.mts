/** A short hash of what dist/ is built from (src/ and tsdown.config.ts below `root`). */
export declare function sourceKey(root: string): string;
