import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { lintCorpus } from './lint-corpus';
import { corpusFiles, sampleCorpus } from './sample';

/** `CORPUS=all` (scripts/corpus-all.mjs) lints every eligible file instead of the 2,000-file sample. */
const all = process.env.CORPUS === 'all';

describe('every rule on real code', () => {
  it(`lints ${all ? 'every file' : 'a 2,000-file sample'} of node_modules without throwing`, { timeout: all ? 0 : 600_000 }, () => {
    expect(Object.keys(plugin.configs.strict.rules ?? {}).length).toBe(Object.keys(plugin.rules).length);
    const files = all ? corpusFiles() : sampleCorpus(2000);
    const result = lintCorpus(files);
    console.info(`corpus: ${result.files} files, ${result.unparsable} unparsable, ${result.reports} reports, ${result.crashes.length} crashes`);
    expect(result.crashes).toEqual([]);
    expect(result.files).toBeGreaterThanOrEqual(2000);
    // The sample is real code: nearly all of it parses.
    expect(result.unparsable).toBeLessThan(result.files / 20);
  });
});
