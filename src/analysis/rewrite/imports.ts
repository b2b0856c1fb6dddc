import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isDirective, propertyKeyName, unwrap } from '../ast';
import { requireSource } from '../program';
import { insertAt, replaceRange, type TextEdit } from './edits';
import { isCommonJSFile } from './module-kind';
import { freshName } from './names';
import type { PlanFile } from './plan';
import { quoted, sourceStyle } from './style';

/** The runtime's exports a rewrite uses. */
export type HelperExport = 'TaskGroup' | 'background';

/** The local name a rewrite writes for a helper export, and the edits (none when the file already has it) that import it. */
export interface ImportPlan {
  local: string;
  edits: TextEdit[];
  /** The import is added or merged by `edits` (not already there). */
  added: boolean;
}

type Statement = TSESTree.ProgramStatement;

/**
 * The one import planner. Plans the use of `name` (exported by `file.helperModule`) at `at`:
 * - an import or `require` destructuring of it that `at` sees is reused, alias included;
 * - otherwise it is imported under its own name, or `TaskGroup2`... when a binding of that
 *   name is visible at `at`, declared in the module or used as a global (a property key named
 *   `background` is no binding);
 * - merged into an existing `import { … } from helper` / `import X from helper` (`import X, {}`
 *   too), or `const { … } = require(helper)` in CommonJS (see `isCommonJSFile`);
 * - else one new statement after the last import (or require), or at the top below
 *   directives and leading comments, in the file's quotes and semicolons.
 */
export function planHelperImport(file: PlanFile, name: HelperExport, at: Node): ImportPlan {
  const { index } = file;
  const body = index.program.body;
  const existing = existingLocal(file, name, at);
  if (existing) return { local: existing, edits: [], added: false };
  const local = freshName(name, (candidate) => index.isDeclaredAt(at, candidate) || index.undeclaredNames.has(candidate));
  const style = sourceStyle(index, file.source);
  const semicolon = style.semicolons ? ';' : '';
  const specifier = quoted(file.helperModule, style);

  if (isCommonJSFile(file.filename, index)) {
    const property = local === name ? name : `${name}: ${local}`;
    const pattern = requirePatterns(body, file.helperModule).find((candidate) => !candidate.properties.some((p) => p.type === 'RestElement'));
    if (pattern) {
      const last = pattern.properties.at(-1);
      const edit = last ? insertAt(last.range[1], `, ${property}`) : replaceRange(pattern.range, `{ ${property} }`);
      return { local, edits: [edit], added: true };
    }
    const statement = `const { ${property} } = require(${specifier})${semicolon}`;
    return { local, edits: [newStatement(file, body.filter(isRequireStatement), statement)], added: true };
  }

  const imported = local === name ? name : `${name} as ${local}`;
  const target = mergeableImport(body, file.helperModule);
  if (target) return { local, edits: [mergeInto(file.source, target, imported)], added: true };
  const statement = `import { ${imported} } from ${specifier}${semicolon}`;
  return { local, edits: [newStatement(file, body.filter((s) => s.type === 'ImportDeclaration'), statement)], added: true };
}

/** The local name of an existing value import (or `require` destructuring) of `name` that `at` sees. */
function existingLocal({ index, helperModule }: PlanFile, name: HelperExport, at: Node): string | undefined {
  const candidates: TSESTree.Identifier[] = [];
  for (const statement of index.program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === helperModule && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type' && propertyKeyName(specifier.imported) === name) {
          candidates.push(specifier.local);
        }
      }
    }
  }
  for (const pattern of requirePatterns(index.program.body, helperModule)) {
    for (const property of pattern.properties) {
      if (property.type === 'Property' && propertyKeyName(property.key, property.computed) === name && property.value.type === 'Identifier') {
        candidates.push(property.value);
      }
    }
  }
  // Reused only where it is not shadowed: the variable `at` sees by that name is the import's.
  return candidates.find((id) => index.variableAt(at, id.name)?.defs.some((def) => def.name === id))?.name;
}

/** The object patterns of top-level `const { … } = require(source)`. */
function requirePatterns(body: readonly Statement[], source: string): TSESTree.ObjectPattern[] {
  const patterns: TSESTree.ObjectPattern[] = [];
  for (const statement of body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === 'ObjectPattern' && requireSource(unwrap(declarator.init)) === source) patterns.push(declarator.id);
    }
  }
  return patterns;
}

/** `const x = require(...)`, `require('./setup');` at the top level. */
function isRequireStatement(statement: Statement): boolean {
  if (statement.type === 'ExpressionStatement') return requireSource(unwrap(statement.expression)) !== undefined;
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((declarator) => {
    let init = unwrap(declarator.init);
    while (init?.type === 'MemberExpression') init = unwrap(init.object);
    return requireSource(init) !== undefined;
  });
}

/** An `import { … } from source` or `import X from source` (not a namespace, not type-only) to merge into. */
function mergeableImport(body: readonly Statement[], source: string): TSESTree.ImportDeclaration | undefined {
  const candidates = body.filter(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === 'ImportDeclaration' &&
      statement.source.value === source &&
      statement.importKind !== 'type' &&
      statement.specifiers.length > 0 &&
      !statement.specifiers.some((specifier) => specifier.type === 'ImportNamespaceSpecifier'),
  );
  return candidates.find((d) => d.specifiers.some((s) => s.type === 'ImportSpecifier')) ?? candidates[0];
}

function mergeInto(source: string, declaration: TSESTree.ImportDeclaration, imported: string): TextEdit {
  const last = declaration.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier').at(-1);
  if (last) return insertAt(last.range[1], `, ${imported}`);
  // Only a default import: `import X from 's'`, or `import X, {} from 's'`.
  const defaultSpecifier = declaration.specifiers[0]!;
  const between = source.slice(defaultSpecifier.range[1], declaration.source.range[0]);
  const open = between.indexOf('{');
  if (open >= 0) {
    const start = defaultSpecifier.range[1] + open;
    return replaceRange([start, defaultSpecifier.range[1] + between.indexOf('}', open) + 1], `{ ${imported} }`);
  }
  return insertAt(defaultSpecifier.range[1], `, { ${imported} }`);
}

/**
 * A new top-level statement: after the last of `anchors`, else after the directives, else
 * above the first statement (below a leading comment block or hashbang).
 */
function newStatement({ index, source }: PlanFile, anchors: readonly Statement[], statement: string): TextEdit {
  const body = index.program.body;
  const anchor = anchors.at(-1) ?? body.filter(isDirective).at(-1);
  if (anchor) return insertAt(anchor.range[1], `\n${statement}`);
  const first = body[0];
  if (!first) return insertAt(source.length, source.length === 0 || source.endsWith('\n') ? `${statement}\n` : `\n${statement}\n`);
  return insertAt(source.lastIndexOf('\n', first.range[0] - 1) + 1, `${statement}\n`);
}
