import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMA, clearProjectIndexes, defaultCacheDirectory, projectIndexFor } from '../../../src/analysis/project';
import { relative, writeProject } from './helpers';

function project() {
  const root = writeProject({
    'package.json': '{ "name": "app" }',
    'src/a.ts': "export { b } from './b';\nexport const a = () => 1;",
    'src/b.ts': 'export function b() {}',
    'src/c.js': "module.exports = { c: require('./b').b };",
  });
  return { root, cache: path.join(root, '.cache-here') };
}

/** A fresh process as far as the index knows: nothing in memory. */
function coldIndex(root: string, cacheDirectory: string | false, maxAge?: number) {
  clearProjectIndexes();
  return projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory, ...(maxAge === undefined ? {} : { maxAge }) });
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('disk cache', () => {
  it('parses each file once: a second run reads every record from disk, and they are the same records', () => {
    const { root, cache } = project();
    const first = coldIndex(root, cache);
    expect(first.build()).toEqual({ files: 3, memory: 0, disk: 0, parsed: 3, failed: 0 });
    const records = first.files.map((file) => first.record(file));
    const second = coldIndex(root, cache);
    expect(second.build()).toEqual({ files: 3, memory: 0, disk: 3, parsed: 0, failed: 0 });
    expect(second.files.map((file) => second.record(file))).toEqual(records);
    const entries = cacheFiles(cache);
    expect(entries).toHaveLength(3);
    expect(entries.every((file) => file.includes(`-v${RECORD_SCHEMA}${path.sep}`) && file.endsWith('.json'))).toBe(true);
  });

  it('ignores a corrupt, truncated or foreign entry and writes it again', () => {
    const { root, cache } = project();
    coldIndex(root, cache).build();
    const [truncated, foreign, garbage] = cacheFiles(cache) as [string, string, string];
    writeFileSync(truncated, readFileSync(truncated, 'utf8').slice(0, 20));
    writeFileSync(foreign, JSON.stringify({ schema: RECORD_SCHEMA, key: 'another', record: {} }));
    writeFileSync(garbage, '\0\0\0');
    const index = coldIndex(root, cache);
    expect(index.build()).toEqual({ files: 3, memory: 0, disk: 0, parsed: 3, failed: 0 });
    expect(index.resolveExport(path.join(root, 'src/c.js'), ['c'])).toMatchObject({ kind: 'declaration', file: path.join(root, 'src/b.ts') });
    expect(coldIndex(root, cache).build()).toMatchObject({ disk: 3, parsed: 0 });
    expect(cacheFiles(cache).some((file) => file.endsWith('.tmp'))).toBe(false);
  });

  it('works, slower, where the cache cannot be written', () => {
    const { root } = project();
    const notAFolder = path.join(root, 'package.json');
    const index = coldIndex(root, notAFolder);
    expect(index.build()).toEqual({ files: 3, memory: 0, disk: 0, parsed: 3, failed: 0 });
    expect(coldIndex(root, notAFolder).build()).toMatchObject({ parsed: 3 });
  });

  it('lives in node_modules/.cache of the root when there is a node_modules', () => {
    const { root } = project();
    expect(defaultCacheDirectory(root)).not.toContain(root);
    const withModules = writeProject({ 'package.json': '{}', 'node_modules/.keep': '' });
    expect(defaultCacheDirectory(withModules)).toBe(path.join(withModules, 'node_modules', '.cache', 'eslint-plugin-taskgroup'));
  });
});

describe('memory cache', () => {
  it('keeps one index per root while it is fresh, then sees changed files (by time and size) and keeps the rest', () => {
    const { root } = project();
    clearProjectIndexes();
    const index = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, maxAge: 60_000 });
    expect(index.build()).toMatchObject({ parsed: 3 });
    expect(projectIndexFor(path.join(root, 'src/b.ts'), { cacheDirectory: false, maxAge: 60_000 })).toBe(index);
    const b = path.join(root, 'src/b.ts');
    writeFileSync(b, 'export function b() {}\nexport function b2() {}');
    utimesSync(b, new Date(), new Date(Date.now() + 5000));
    const later = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, maxAge: 0 });
    // No folder or configuration changed: the same index, its records checked again.
    expect(later).toBe(index);
    expect(later.build()).toEqual({ files: 3, memory: 2, disk: 0, parsed: 1, failed: 0 });
    expect(later.resolveExport(b, ['b2'])).toMatchObject({ kind: 'declaration' });
  });

  it('makes a new index when a file is added or a configuration file changes', () => {
    const { root } = project();
    clearProjectIndexes();
    const index = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, maxAge: 0 });
    index.build();
    writeFileSync(path.join(root, 'src/d.ts'), "export * from './a';");
    const added = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, maxAge: 0 });
    expect(added).not.toBe(index);
    expect(added.files.map((file) => relative(root, file))).toEqual(['src/a.ts', 'src/b.ts', 'src/c.js', 'src/d.ts']);
    // Records of unchanged files come from memory.
    expect(added.build()).toEqual({ files: 4, memory: 3, disk: 0, parsed: 1, failed: 0 });
    writeFileSync(path.join(root, 'tsconfig.json'), '{ "include": ["src/a.ts", "src/b.ts"] }');
    const configured = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, maxAge: 0 });
    expect(configured.files.map((file) => relative(root, file))).toEqual(['src/a.ts', 'src/b.ts']);
  });
});
