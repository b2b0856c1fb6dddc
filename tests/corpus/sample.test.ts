import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_EXTENSIONS, CORPUS_ROOT, corpusFiles, sampleCorpus } from './sample';

describe('corpus sample', () => {
  it('gives at least 2,000 files of every handled kind, the same ones each time', () => {
    const sample = sampleCorpus();
    expect(sample).toHaveLength(2000);
    expect(new Set(sample).size).toBe(2000);
    expect(sampleCorpus()).toEqual(sample);
    for (const file of sample) {
      expect(file.startsWith(CORPUS_ROOT + path.sep)).toBe(true);
      expect(CORPUS_EXTENSIONS.some((extension) => file.endsWith(extension))).toBe(true);
      expect(file).not.toMatch(/\.d\.[mc]?ts$/);
    }
    const extensions = new Set(sample.map((file) => path.extname(file)));
    for (const extension of ['.js', '.ts', '.mjs', '.cjs']) expect(extensions).toContain(extension);
  });

  it('says how many files there are when fewer than asked', () => {
    const available = corpusFiles().length;
    expect(() => sampleCorpus(available + 1)).toThrow(`has ${available} eligible files; ${available + 1} were asked for`);
  });
});
