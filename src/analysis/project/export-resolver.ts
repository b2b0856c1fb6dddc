import type { Declaration, ImportBinding, ModuleRecord, Ref } from './types';

/** Where an export path leads: a declaration in some module, or a whole module (a namespace). */
export type ExportTarget = { kind: 'declaration'; file: string; declaration: Declaration } | { kind: 'module'; file: string };

/** What the export resolver needs from the index: each module's record, and module resolution. */
export interface ModuleSource {
  record(file: string): ModuleRecord | undefined;
  resolve(specifier: string, from: string): string | undefined;
}

interface Names {
  declarations: Map<string, Declaration>;
  imports: Map<string, ImportBinding>;
  exports: Map<string, Ref>;
}

/** How many references one query may follow: re-export chains are short; this only stops pathological input. */
const MAX_STEPS = 200;

/**
 * Follows exports to their declarations: re-export chains (`export { a } from`, `export *`,
 * `export * as ns`, `export { imported }`, `module.exports = require(...)`), class members
 * (`Cls.prototype.method`, static methods, through `extends`) and object literal members.
 * Cycles resolve to nothing.
 */
export class ExportResolver {
  private readonly names = new WeakMap<ModuleRecord, Names>();

  constructor(private readonly modules: ModuleSource) {}

  /** What `path` below module `file`'s module object leads to (`['default']`, `['a']`, `['SendMail', 'prototype', 'execute']`). */
  resolveExport(file: string, path: readonly string[]): ExportTarget | undefined {
    return this.exportPath(file, path, { steps: 0, seen: new Set() });
  }

  /** What a top-level name of module `file` (a declaration or an import binding), then `path` below it, leads to. */
  resolveName(file: string, name: string, path: readonly string[] = []): ExportTarget | undefined {
    return this.ref(file, { kind: 'local', name }, path, { steps: 0, seen: new Set() });
  }

  /** The import binding of a top-level name, if the name is one. */
  importBinding(file: string, name: string): ImportBinding | undefined {
    const record = this.modules.record(file);
    return record && this.namesOf(record).imports.get(name);
  }

  private namesOf(record: ModuleRecord): Names {
    let names = this.names.get(record);
    if (!names) {
      names = { declarations: new Map(), imports: new Map(), exports: new Map() };
      for (const declaration of record.declarations) if (declaration.name && !names.declarations.has(declaration.name)) names.declarations.set(declaration.name, declaration);
      for (const binding of record.imports) names.imports.set(binding.local, binding);
      for (const entry of record.exports) names.exports.set(entry.name, entry.ref);
      this.names.set(record, names);
    }
    return names;
  }

  private exportPath(file: string, path: readonly string[], state: QueryState): ExportTarget | undefined {
    if (!enter(state, `${file}\0export\0${path.join('.')}`)) return undefined;
    const record = this.modules.record(file);
    if (!record) return undefined;
    if (path.length === 0) return record.moduleObject ? this.ref(file, record.moduleObject, [], state) : { kind: 'module', file };
    const [name, ...rest] = path as [string, ...string[]];
    const exported = this.namesOf(record).exports.get(name);
    if (exported) return this.ref(file, exported, rest, state);
    if (record.moduleObject) {
      // CommonJS: `module.exports` is the module object; an ES import's default is that object too.
      const found = this.ref(file, record.moduleObject, name === 'default' ? rest : path, state);
      if (found) return found;
    }
    if (name === 'default') return undefined;
    for (const star of record.stars) {
      const target = this.modules.resolve(star, file);
      const found = target && this.exportPath(target, path, state);
      if (found) return found;
    }
    return undefined;
  }

  private ref(file: string, ref: Ref, path: readonly string[], state: QueryState): ExportTarget | undefined {
    switch (ref.kind) {
      case 'import': {
        const target = this.modules.resolve(ref.source, file);
        return target ? this.exportPath(target, [...ref.path, ...path], state) : undefined;
      }
      case 'declaration':
        return this.declarationPath(file, ref.declaration, path, state);
      case 'local': {
        if (ref.path?.length) return this.ref(file, { kind: 'local', name: ref.name }, [...ref.path, ...path], state);
        if (!enter(state, `${file}\0local\0${ref.name}\0${path.join('.')}`)) return undefined;
        const record = this.modules.record(file);
        if (!record) return undefined;
        const names = this.namesOf(record);
        const binding = names.imports.get(ref.name);
        if (binding) return this.ref(file, { kind: 'import', source: binding.source, path: binding.path }, path, state);
        const declaration = names.declarations.get(ref.name);
        return declaration ? this.declarationPath(file, declaration, path, state) : undefined;
      }
    }
  }

  private declarationPath(file: string, declaration: Declaration, path: readonly string[], state: QueryState): ExportTarget | undefined {
    if (path.length === 0) return { kind: 'declaration', file, declaration };
    const instance = declaration.kind === 'class' && path[0] === 'prototype';
    const name = instance ? path[1] : path[0];
    if (name === undefined) return undefined;
    const rest = path.slice(instance ? 2 : 1);
    const member = declaration.members?.find((candidate) => candidate.name === name && candidate.static === !instance);
    if (member) return this.ref(file, member.ref, rest, state);
    // An inherited member: the same path on the superclass.
    if (declaration.extends) return this.ref(file, { kind: 'local', name: declaration.extends }, path, state);
    return undefined;
  }
}

interface QueryState {
  steps: number;
  seen: Set<string>;
}

/** Notes a step of a query; `false` when it was taken before (a cycle) or the query is too long. */
function enter(state: QueryState, key: string): boolean {
  if (state.seen.has(key) || ++state.steps > MAX_STEPS) return false;
  state.seen.add(key);
  return true;
}
