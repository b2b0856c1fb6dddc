import { type Dirent, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJsonc } from './jsonc';

/** A configuration file that could not be read, and why: the index goes on without it. */
export interface Problem {
  file: string;
  message: string;
}

/**
 * The file system as one build of the index sees it: each stat, folder listing and
 * configuration file is read once. A new build starts with a new instance, so changes on
 * disk are seen by the next build.
 */
export class FileSystemView {
  /** What each path is (`null`: nothing, or unreadable); kinds only, so a big project's probes stay small. */
  private readonly kinds = new Map<string, 'file' | 'folder' | 'other' | null>();
  private readonly listings = new Map<string, Dirent[]>();
  private readonly jsons = new Map<string, unknown>();
  readonly problems: Problem[] = [];
  /** Every configuration file read (or looked for): what a later build must check for changes. */
  readonly readFiles = new Set<string>();

  private kind(file: string): 'file' | 'folder' | 'other' | null {
    let kind = this.kinds.get(file);
    if (kind === undefined) {
      try {
        const stats = statSync(file);
        kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
      } catch {
        kind = null;
      }
      this.kinds.set(file, kind);
    }
    return kind;
  }

  exists(file: string): boolean {
    return this.kind(file) !== null;
  }

  isFile(file: string): boolean {
    return this.kind(file) === 'file';
  }

  isDirectory(file: string): boolean {
    return this.kind(file) === 'folder';
  }

  /** A folder's entries, sorted by name; none when it cannot be read. */
  list(dir: string): Dirent[] {
    let entries = this.listings.get(dir);
    if (!entries) {
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        entries = [];
      }
      this.listings.set(dir, entries);
    }
    return entries;
  }

  /** Drops the folder listings once the file list is built: resolution needs only kinds and configs. */
  forgetListings(): void {
    this.listings.clear();
  }

  /** A JSON (or JSONC) file's value; `undefined` when it does not exist, or (noted in `problems`) cannot be parsed. */
  readJson(file: string): unknown {
    if (!this.jsons.has(file)) {
      this.readFiles.add(file);
      let value: unknown;
      if (this.isFile(file)) {
        try {
          value = parseJsonc(readFileSync(file, 'utf8'));
        } catch (error) {
          this.problems.push({ file, message: `not valid JSON: ${(error as Error).message}` });
        }
      }
      this.jsons.set(file, value);
    }
    return this.jsons.get(file);
  }

  /** A text file's content, or `undefined`. */
  readText(file: string): string | undefined {
    this.readFiles.add(file);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The nearest folder from `dir` upwards (to the file system's root, or `stop`) holding `name`, or one of several names. */
  findUp(dir: string, name: string | readonly string[], stop?: string): string | undefined {
    const names = typeof name === 'string' ? [name] : name;
    for (let current = dir; ; current = path.dirname(current)) {
      if (names.some((candidate) => this.exists(path.join(current, candidate)))) return current;
      if (current === stop || path.dirname(current) === current) return undefined;
    }
  }
}

/** A plain object read from JSON, or `undefined`. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
