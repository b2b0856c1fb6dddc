import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { clearProjectIndexes, type ProjectIndexOptions, projectIndexFor } from '../../../src/analysis/project';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** A file of a fixture project, as an absolute path. */
export function fixture(...segments: string[]): string {
  return path.join(FIXTURES, ...segments);
}

/** The index of a fixture project (no disk cache: fixtures stay untouched). */
export function fixtureIndex(name: string, options: ProjectIndexOptions = {}) {
  clearProjectIndexes();
  return projectIndexFor(fixture(name, 'package.json'), { cacheDirectory: false, ...options });
}

/** The project-relative path of a file, for readable expectations. */
export function relative(root: string, file: string | undefined): string | undefined {
  return file === undefined ? undefined : path.relative(root, file).split(path.sep).join('/');
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project written to a temporary folder (removed after the test). */
export function writeProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'taskgroup-index-'));
  temporary.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}
