// The built `./task-group` and `./node` entries, copied aside at the start of a monitor bench: a
// build running meanwhile (it cleans `dist`) cannot pull them from under the measurement. Neither
// entry imports the other.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function copyEntries() {
  const dir = mkdtempSync(join(tmpdir(), 'taskgroup-bench-'));
  for (const entry of ['task-group', 'node']) {
    copyFileSync(fileURLToPath(import.meta.resolve(`eslint-plugin-taskgroup/${entry}`)), join(dir, `${entry}.mjs`));
  }
  return dir;
}

/** Imports one copied entry (`task-group` or `node`) from `dir`. */
export function importEntry(dir, entry) {
  return import(pathToFileURL(join(dir, `${entry}.mjs`)).href);
}
