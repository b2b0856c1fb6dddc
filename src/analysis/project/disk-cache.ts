import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { version } from '../../../package.json';
import type { ModuleRecord } from './types';

/** Bump when the record format or what the extraction finds changes: older entries are then never read. */
export const RECORD_SCHEMA = 3;

/** The content key of a file: what parses it, and its text. Same key, same record. */
export function contentKey(parseMode: string, text: string): string {
  return createHash('sha256').update(parseMode).update('\0').update(text).digest('hex');
}

/**
 * The default cache folder of a project: `node_modules/.cache/eslint-plugin-taskgroup` of its
 * root (where babel-loader, eslint-loader and ava keep theirs), or a folder in the system's
 * temporary directory when the root has no node_modules.
 */
export function defaultCacheDirectory(root: string): string {
  if (existsSync(path.join(root, 'node_modules'))) return path.join(root, 'node_modules', '.cache', 'eslint-plugin-taskgroup');
  return path.join(tmpdir(), 'eslint-plugin-taskgroup', createHash('sha256').update(root).digest('hex').slice(0, 16));
}

interface Entry {
  schema: number;
  key: string;
  record: ModuleRecord;
}

function isEntry(value: unknown, key: string): value is Entry {
  const entry = value as Entry | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.schema === RECORD_SCHEMA &&
    entry.key === key &&
    typeof entry.record === 'object' &&
    entry.record !== null &&
    Array.isArray(entry.record.exports) &&
    Array.isArray(entry.record.imports) &&
    Array.isArray(entry.record.declarations) &&
    Array.isArray(entry.record.requests) &&
    Array.isArray(entry.record.stars)
  );
}

/**
 * Module records on disk, one file per content key, under a folder named for this
 * package's version and the record schema (an upgrade starts afresh). Entries are
 * immutable and written atomically (a temporary file, then a rename), so ESLint's
 * `--concurrency` workers can share the folder; an entry that cannot be read or does not
 * hold what its name says is ignored and written again.
 */
export class DiskCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  writeErrors = 0;

  constructor(baseDir: string) {
    this.dir = path.join(baseDir, `modules-${version}-v${RECORD_SCHEMA}`);
  }

  private fileFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  read(key: string): ModuleRecord | undefined {
    try {
      const value: unknown = JSON.parse(readFileSync(this.fileFor(key), 'utf8'));
      if (isEntry(value, key)) {
        this.hits++;
        return value.record;
      }
    } catch {
      // missing or corrupt: rebuilt and written again
    }
    this.misses++;
    return undefined;
  }

  write(key: string, record: ModuleRecord): void {
    const file = this.fileFor(key);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ schema: RECORD_SCHEMA, key, record } satisfies Entry));
      renameSync(temporary, file);
    } catch {
      // A read-only or full disk costs speed, not results.
      this.writeErrors++;
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing was written there
      }
    }
  }
}
