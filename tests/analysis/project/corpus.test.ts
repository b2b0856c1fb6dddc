import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModuleRecord, clearProjectIndexes, projectIndexFor } from '../../../src/analysis/project';
import { sampleCorpus } from '../../corpus/sample';

/** Real code: a sample of node_modules (400 files; the rules' corpus test takes 2,000). */
const files = sampleCorpus(400);

describe('the project index on real code (node_modules)', () => {
  it('reads every file\'s module record without throwing; JavaScript reads the same with espree and typescript-estree', { timeout: 600_000 }, () => {
    let failed = 0;
    const differing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const record = buildModuleRecord(file, text, 'typescript-estree');
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
      if (record.error !== undefined) {
        failed++;
        continue;
      }
      if (/\.[mc]?jsx?$/.test(file)) {
        const other = buildModuleRecord(file, text, 'espree');
        if (other.error === undefined && JSON.stringify(other) !== JSON.stringify(record)) differing.push(file);
      }
    }
    expect(failed).toBeLessThan(files.length / 20);
    expect(differing).toEqual([]);
  });

  it('builds the index of a dependency\'s own folder without throwing, and resolves nothing into node_modules', { timeout: 600_000 }, () => {
    const packages = [...new Set(files.map((file) => path.dirname(file)))].slice(0, 15);
    for (const dir of packages) {
      clearProjectIndexes();
      const index = projectIndexFor(path.join(dir, 'x.js'), { cacheDirectory: false });
      expect(index.root.split(path.sep)).toContain('node_modules');
      for (const file of index.files.slice(0, 50)) {
        for (const request of index.record(file).requests) {
          // The index never reads node_modules: not even a dependency's own relative imports resolve.
          expect(index.resolve(request.source, file)).toBeUndefined();
        }
      }
    }
  });
});
