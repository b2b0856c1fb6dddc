import path from 'node:path';
import { type ExportTarget, ExportResolver } from './export-resolver';
import { collectFileSet } from './file-set';
import { FileSystemView, type Problem } from './file-system';
import { type ProjectLayout, readLayout } from './layout';
import type { TypeScriptModule } from './optional-modules';
import type { ParserId } from './parse';
import type { RecordStore } from './record-store';
import { ModuleResolver } from './resolver';
import { type Stamps, takeStamps } from './stamps';
import type { EdgeTarget } from './summary';
import type { ImportBinding, ModuleRecord, Range } from './types';

/** How much work a build did. */
export interface BuildStats {
  files: number;
  /** Records taken from memory (an earlier build in this process), the disk cache, or parsed now. */
  memory: number;
  disk: number;
  parsed: number;
  /** Files that could not be read as modules (syntax errors, TypeScript without `typescript`). */
  failed: number;
}

/**
 * The module-level index of one project: its layout, its files, module resolution, each
 * module's import/export map, and export queries. One instance is one consistent view of
 * the disk; `projectIndexFor` keeps it in memory and makes a new one when files change.
 */
export class ProjectIndex {
  readonly root: string;
  readonly layout: ProjectLayout;
  /** The project's files (see `collectFileSet`). */
  readonly files: readonly string[];
  /** Configuration files that could not be read, and files that could not be listed. */
  readonly problems: readonly Problem[];
  readonly parser: ParserId;
  /** What to check to know whether the layout or the file list may have changed. */
  readonly stamps: Stamps;
  private readonly resolver: ModuleResolver;
  private readonly exportResolver: ExportResolver;
  private readonly records = new Map<string, ModuleRecord>();
  private generation = 0;

  constructor(
    root: string,
    private readonly store: RecordStore,
    typescript: TypeScriptModule | null,
  ) {
    const fs = new FileSystemView();
    this.root = root;
    this.parser = typescript ? 'typescript-estree' : 'espree';
    this.layout = readLayout(root, fs);
    const fileSet = collectFileSet(this.layout, fs, typescript);
    this.files = fileSet.files;
    this.resolver = new ModuleResolver(this.layout, fileSet.configOf, fs, typescript);
    this.exportResolver = new ExportResolver({ record: (file) => this.record(file), resolve: (specifier, from) => this.resolve(specifier, from) });
    this.problems = fs.problems;
    fs.forgetListings();
    const folders = new Set<string>([root, ...this.layout.packages.map((pkg) => pkg.dir), ...this.layout.packages.map((pkg) => path.dirname(pkg.dir))]);
    for (const file of this.files) folders.add(path.dirname(file));
    this.stamps = takeStamps([...folders, ...fs.readFiles, ...fileSet.configs.flatMap((config) => config.sources)]);
  }

  /** A module's import/export map (read once per index; from memory, the disk cache, or parsed). */
  record(file: string): ModuleRecord {
    const absolute = path.resolve(file);
    let record = this.records.get(absolute);
    if (!record) {
      record = this.store.get(absolute);
      this.records.set(absolute, record);
    }
    return record;
  }

  /**
   * Forgets the records read so far, keeping layout, files and resolutions: for a new lint
   * run when no folder or configuration file changed (each file is then checked again).
   */
  forgetRecords(): void {
    this.records.clear();
    this.generation++;
  }

  /** The records read since they were last forgotten (what a derived result depends on). */
  recordsRead(): ReadonlyMap<string, ModuleRecord> {
    return this.records;
  }

  /** Changes each time the records are forgotten: what was derived from them (propagation) is then stale. */
  get recordsGeneration(): number {
    return this.generation;
  }

  /** Reads every file's record: what one lint run needs before it can follow calls across modules. */
  build(): BuildStats {
    const before = { ...this.store.counts };
    let failed = 0;
    for (const file of this.files) if (this.record(file).error !== undefined) failed++;
    return {
      files: this.files.length,
      memory: this.store.counts.memory - before.memory,
      disk: this.store.counts.disk - before.disk,
      parsed: this.store.counts.parsed - before.parsed,
      failed,
    };
  }

  /** The source file a specifier imported from `from` denotes, or `undefined` (npm packages, built-ins, missing files). */
  resolve(specifier: string, from: string): string | undefined {
    return this.resolver.resolve(specifier, path.resolve(from));
  }

  /** What an export path of a module leads to, following re-exports (`['default']`, `['run']`, `['SendMail', 'prototype', 'execute']`). */
  resolveExport(file: string, exportPath: readonly string[]): ExportTarget | undefined {
    return this.exportResolver.resolveExport(path.resolve(file), exportPath);
  }

  /** What a top-level name of a module (and a path below it) leads to: its declaration, or through its import, another module's. */
  resolveName(file: string, name: string, memberPath: readonly string[] = []): ExportTarget | undefined {
    return this.exportResolver.resolveName(path.resolve(file), name, memberPath);
  }

  /** Where an edge that leaves module `file` leads: the declaration's file and range (for `propagate`). */
  resolveEdge(file: string, target: Exclude<EdgeTarget, { kind: 'local' | 'call' }>): { file: string; range: Range } | undefined {
    let found: ExportTarget | undefined;
    if (target.kind === 'import') found = this.resolveName(file, target.local, target.path);
    else {
      const module = this.resolve(target.source, file);
      found = module === undefined ? undefined : this.resolveExport(module, target.path);
    }
    return found?.kind === 'declaration' ? { file: found.file, range: found.declaration.range } : undefined;
  }

  /** The import binding of a top-level name of a module, if it is one. */
  importBinding(file: string, name: string): ImportBinding | undefined {
    return this.exportResolver.importBinding(path.resolve(file), name);
  }
}
