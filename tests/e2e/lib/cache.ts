// Folders the e2e suites make once and share: the packed tarball and the installed
// projects, under `<tmpdir>/taskgroup-e2e/<name>` where the name carries a hash of everything
// they are made from. Test files (each in its own process), later runs, and the runs on other
// Node lines (the installed tree does not depend on the Node that runs it) all reuse them; the
// first to ask makes it while the others wait on a lock. Outside the checkout: a project below
// it would resolve the checkout's node_modules (its typescript, its eslint) by walking up.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const cacheRoot = process.env.TASKGROUP_E2E_CACHE ?? join(tmpdir(), 'taskgroup-e2e');

const STALE_LOCK_MS = 15 * 60_000;
const OLD_ENTRY_MS = 24 * 3_600_000;

/** A short hash of strings and of the files below the given paths (names and contents). */
export function hashOf(parts: readonly string[], paths: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\0`);
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(`${relative(repoRoot, path)}\0`).update(readFileSync(path));
    }
  };
  for (const path of paths) if (existsSync(path)) visit(path);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The folder `.tmp/e2e/<name>`, made by `make(staging)` when it is missing: built in a
 * staging folder and renamed into place, so that a folder that exists is complete. Another
 * process making the same folder is waited for.
 */
export async function cachedFolder(name: string, make: (staging: string) => Promise<void>): Promise<string> {
  const dir = join(cacheRoot, name);
  const lock = `${dir}.lock`;
  mkdirSync(cacheRoot, { recursive: true });
  for (;;) {
    if (existsSync(dir)) {
      utimesSync(dir, new Date(), new Date()); // in use: not old
      return dir;
    }
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is making it; a lock older than any install is left by a killed run.
      const stats = statSync(lock, { throwIfNoEntry: false });
      if (stats && Date.now() - stats.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    const staging = `${dir}.${process.pid}.partial`;
    try {
      if (existsSync(dir)) return dir;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      await make(staging);
      renameSync(staging, dir);
      removeOldEntries();
      return dir;
    } finally {
      rmSync(staging, { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Entries not used for a day: made from sources that have since changed. */
function removeOldEntries(): void {
  for (const entry of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, entry);
    if (Date.now() - statSync(path).mtimeMs > OLD_ENTRY_MS) rmSync(path, { recursive: true, force: true });
  }
}
