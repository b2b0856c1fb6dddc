import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSupportedFile } from './parse-settings';
import { isVendoredRuntime, VENDORED_REASON } from './vendored-banner';

/** A path given to {@link discoverFiles} that does not exist (the CLI turns it into a usage error). */
export class MissingPathError extends Error {
  override name = 'MissingPathError';
  constructor(readonly given: string) {
    super(`${given}: no such file or folder`);
  }
}

/** Files larger than this are not source files anyone wants rewritten (bundles, generated code). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Declaration files hold no code to migrate. */
const DECLARATION_FILE = /\.d\.[mc]?ts$/i;

/** A file or folder that was passed over, and why. */
export interface Skipped {
  file: string;
  reason: string;
}

export interface Discovery {
  files: string[];
  skipped: Skipped[];
  /** Files and folders that could not be read. */
  failed: { file: string; error: string }[];
}

export interface DiscoveryOptions {
  /** Folders not to walk into (the project index: build output, other workspace packages' folders). */
  skipFolder?: (dir: string, name: string) => boolean;
}

/** A file's first 8,000 bytes: enough to tell binary files and vendored runtimes. */
function head(file: string): Buffer {
  const buffer = Buffer.alloc(8000);
  const fd = openSync(file, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** The `.gitignore` rules that apply below `dir`, each file's patterns relative to its own folder. */
class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();

  private load(dir: string): Ignore | null {
    if (!this.byDir.has(dir)) {
      let rules: Ignore | null = null;
      try {
        rules = ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8'));
      } catch {
        rules = null;
      }
      this.byDir.set(dir, rules);
    }
    return this.byDir.get(dir) ?? null;
  }

  private readonly roots = new Map<string, boolean>();

  private isRepositoryRoot(dir: string): boolean {
    let root = this.roots.get(dir);
    if (root === undefined) {
      root = existsSync(path.join(dir, '.git'));
      this.roots.set(dir, root);
    }
    return root;
  }

  /**
   * Whether `file` (a directory when `isDir`) is ignored by a `.gitignore` between it and the
   * repository's root. The folder the user named (`root`) is always searched: when it is
   * itself ignored from above (a build folder, a temp folder), the rules above it do not apply.
   */
  ignored(file: string, isDir: boolean, root: string): boolean {
    let dir = path.dirname(file);
    for (;;) {
      const rules = this.load(dir);
      if (rules) {
        const relative = path.relative(dir, file).split(path.sep).join('/');
        if (relative && rules.ignores(isDir ? `${relative}/` : relative)) {
          const above = path.relative(dir, root).split(path.sep).join('/');
          const rootIgnored = above !== '' && !above.startsWith('..') && rules.ignores(`${above}/`);
          if (!rootIgnored) return true;
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir || this.isRepositoryRoot(dir)) return false;
      dir = parent;
    }
  }
}

function checkFile(file: string, size: number, skipped: Skipped[], failed: Discovery['failed']): boolean {
  if (size > MAX_FILE_BYTES) {
    skipped.push({ file, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` });
    return false;
  }
  try {
    const start = head(file);
    if (start.includes(0)) {
      skipped.push({ file, reason: 'binary file' });
      return false;
    }
    if (isVendoredRuntime(start.toString('utf8', 0, 100))) {
      skipped.push({ file, reason: VENDORED_REASON });
      return false;
    }
  } catch (error) {
    failed.push({ file, error: `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return false;
  }
  return true;
}

/**
 * The supported source files under `paths` (files given by name are taken whatever their
 * folder), sorted, without `node_modules`, `.git`, declaration files and what `.gitignore`
 * files exclude; binary, huge and unreadable files, runtimes copied by `taskgroup migrate`, symlink loops and symlinks that lead
 * outside the given paths (nothing there may be written) are skipped with a reason. A path
 * that does not exist throws a {@link MissingPathError}. Shared by the CLI (`check`, `migrate`)
 * and the project index (a folder without a tsconfig).
 */
export function discoverFiles(paths: readonly string[], cwd = process.cwd(), options: DiscoveryOptions = {}): Discovery {
  const files = new Set<string>();
  const skipped: Skipped[] = [];
  const failed: Discovery['failed'] = [];
  const gitignores = new GitIgnores();
  const visitedDirs = new Set<string>();
  const realFiles = new Set<string>();
  const givenRoots = (paths.length > 0 ? paths : ['.']).flatMap((given) => {
    try {
      return [realpathSync(path.resolve(cwd, given))];
    } catch {
      return [];
    }
  });
  const inside = (real: string) => givenRoots.some((root) => real === root || real.startsWith(`${root}${path.sep}`));
  /** Adds a file once (two links to one file are one file); only files inside the given paths are written. */
  const add = (file: string, size: number): void => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      real = file;
    }
    if (!inside(real)) {
      skipped.push({ file, reason: 'symlink to a file outside the given paths' });
      return;
    }
    if (realFiles.has(real)) return;
    if (checkFile(file, size, skipped, failed)) {
      realFiles.add(real);
      files.add(file);
    }
  };

  const walk = (root: string, dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      failed.push({ file: dir, error: `unreadable folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    if (!inside(real)) {
      skipped.push({ file: dir, reason: 'symlink to a folder outside the given paths' });
      return;
    }
    if (visitedDirs.has(real)) {
      skipped.push({ file: dir, reason: 'symlink loop (folder already visited)' });
      return;
    }
    visitedDirs.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      failed.push({ file: dir, error: `unreadable folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      let stats;
      try {
        stats = statSync(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (entry.isSymbolicLink()) skipped.push({ file: full, reason: code === 'ELOOP' ? 'symlink loop' : `broken symlink (${code})` });
        else failed.push({ file: full, error: `unreadable: ${code ?? String(error)}` });
        continue;
      }
      if (stats.isDirectory()) {
        if (!options.skipFolder?.(full, entry.name) && !gitignores.ignored(full, true, root)) walk(root, full);
      } else if (stats.isFile() && isSupportedFile(full) && !DECLARATION_FILE.test(full) && !gitignores.ignored(full, false, root)) {
        add(full, stats.size);
      }
    }
  };

  for (const given of paths.length > 0 ? paths : ['.']) {
    const full = path.resolve(cwd, given);
    let stats;
    try {
      stats = statSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') {
        skipped.push({ file: full, reason: 'symlink loop' });
        continue;
      }
      throw new MissingPathError(given);
    }
    if (stats.isDirectory()) walk(full, full);
    else if (!isSupportedFile(full)) skipped.push({ file: full, reason: 'not a .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs file' });
    else add(full, stats.size);
  }
  return { files: [...files].sort(), skipped, failed };
}
