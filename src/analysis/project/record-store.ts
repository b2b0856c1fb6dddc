import { readFileSync, statSync } from 'node:fs';
import { contentKey, type DiskCache } from './disk-cache';
import { failedRecord, buildModuleRecord } from './module-record';
import { type ParserId, parseMode } from './parse';
import type { Summarizer } from './summary';
import type { ModuleRecord } from './types';

interface Entry {
  mtimeMs: number;
  size: number;
  key: string;
  record: ModuleRecord;
}

/** Where a record came from in one lookup, for the build's statistics. */
export type RecordSource = 'memory' | 'disk' | 'parsed';

/**
 * Module records by file, kept in memory across builds (a long-lived editor process) and
 * checked against the file's modification time and size; a changed file is read again and
 * looked up by content key in the disk cache before it is parsed.
 */
export class RecordStore {
  private readonly entries = new Map<string, Entry>();
  readonly counts: Record<RecordSource, number> = { memory: 0, disk: 0, parsed: 0 };

  constructor(
    private readonly parser: ParserId,
    private readonly disk: DiskCache | undefined,
    private readonly summarizer?: Summarizer,
  ) {}

  /** The record of a file as it is on disk now (an empty record with `error` when it cannot be read). */
  get(file: string): ModuleRecord {
    let stats;
    try {
      stats = statSync(file);
    } catch (error) {
      this.entries.delete(file);
      return failedRecord(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const entry = this.entries.get(file);
    if (entry && entry.mtimeMs === stats.mtimeMs && entry.size === stats.size) {
      this.counts.memory++;
      return entry.record;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return failedRecord(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const mode = parseMode(this.parser, file);
    const key = contentKey(this.summarizer ? `${mode}\0${this.summarizer.key}` : mode, text);
    let record = entry?.key === key ? entry.record : undefined;
    if (record) this.counts.memory++;
    else {
      record = this.disk?.read(key);
      if (record) this.counts.disk++;
      else {
        // A copy through JSON: names taken from the tree are slices of the file's text, and
        // would keep every text alive (the index then holds 3× the memory).
        record = JSON.parse(JSON.stringify(buildModuleRecord(file, text, this.parser, this.summarizer))) as ModuleRecord;
        this.counts.parsed++;
        this.disk?.write(key, record);
      }
    }
    this.entries.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, key, record });
    return record;
  }

  get size(): number {
    return this.entries.size;
  }
}
