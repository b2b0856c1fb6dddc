import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnyNode } from '../../analysis/ast.js';
import { isIdentifier, isObjectProperty, propertyKeyName, stringValue, unwrap } from '../../analysis/ast.js';
import { requireSource } from '../../analysis/program.js';
import { applyTextEdits, insertAt, type TextEdit } from './edits.js';
import { freshName } from './names.js';
import type { SourceStyle } from './style.js';

/** An export of the helper module a rewrite needs, and the local name it is reachable by. */
export interface HelperName {
  imported: 'TaskGroup' | 'background';
  local: string;
  /** Already imported (or required) under `local`: nothing to add. */
  present: boolean;
}

type Node = AnyNode & { start?: number; end?: number };

const packageTypes = new Map<string, boolean>();

/** Whether the nearest package.json above `dir` says `"type": "module"`. */
function inModulePackage(dir: string): boolean {
  const cached = packageTypes.get(dir);
  if (cached !== undefined) return cached;
  let result = false;
  const manifest = path.join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      result = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      result = false;
    }
  } else if (path.dirname(dir) !== dir) {
    result = inModulePackage(path.dirname(dir));
  }
  packageTypes.set(dir, result);
  return result;
}

/**
 * Whether the file should get `require` rather than `import`: `.cjs` files, files that use
 * `require` / `module.exports` and no ESM syntax, and `.js` files with neither outside a
 * `"type": "module"` package (where Node runs them as CommonJS).
 */
export function isCommonJSFile(filePath: string, moduleSyntax: { isCommonJS: boolean; hasESM: boolean }): boolean {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.cjs')) return true;
  if (/\.m[jt]s$/.test(lower) || moduleSyntax.hasESM) return false;
  if (moduleSyntax.isCommonJS) return true;
  return lower.endsWith('.js') && !inModulePackage(path.dirname(path.resolve(filePath)));
}

/** Whether the program has `import` / `export` syntax. */
export function hasModuleSyntax(program: AnyNode): boolean {
  return (program.body as AnyNode[]).some((statement) =>
    /^(Import|Export(Named|Default|All))Declaration$/.test(statement.type) &&
    (statement as { importKind?: string }).importKind !== 'type',
  );
}

function isValueImport(node: AnyNode, specifier: string): boolean {
  return node.type === 'ImportDeclaration' && stringValue(node.source as AnyNode) === specifier &&
    (node as { importKind?: string }).importKind !== 'type';
}

function requireDeclarators(program: AnyNode, specifier: string): AnyNode[] {
  const found: AnyNode[] = [];
  for (const statement of program.body as AnyNode[]) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as AnyNode[]) {
      const init = declarator.init as AnyNode | null;
      if (init && requireSource(unwrap(init)) === specifier) found.push(declarator);
    }
  }
  return found;
}

/** The local name under which `imported` of `specifier` is already bound at the top level, if any. */
function existingLocal(program: AnyNode, specifier: string, imported: string): string | undefined {
  for (const statement of program.body as AnyNode[]) {
    if (!isValueImport(statement, specifier)) continue;
    for (const spec of statement.specifiers as AnyNode[]) {
      if (spec.type !== 'ImportSpecifier' || (spec as { importKind?: string }).importKind === 'type') continue;
      const importedName = (spec.imported as AnyNode).name ?? stringValue(spec.imported as AnyNode);
      if (importedName === imported) return (spec.local as AnyNode).name as string;
    }
  }
  for (const declarator of requireDeclarators(program, specifier)) {
    const id = declarator.id as AnyNode;
    if (id.type !== 'ObjectPattern') continue;
    for (const property of id.properties as AnyNode[]) {
      if (!isObjectProperty(property) || propertyKeyName(property.key, Boolean(property.computed)) !== imported) continue;
      if (isIdentifier(property.value)) return property.value.name;
    }
  }
  return undefined;
}

/**
 * The local names the rewrite will use for the helper's exports: the existing import's when
 * there is one, else the export's own name, or a fresh one when the file already uses it
 * (`TaskGroup` taken → `TaskGroup2`).
 */
export function planHelperNames(
  program: AnyNode,
  specifier: string,
  imported: readonly HelperName['imported'][],
  namesInFile: ReadonlySet<string>,
): Map<HelperName['imported'], HelperName> {
  const plan = new Map<HelperName['imported'], HelperName>();
  const chosen = new Set<string>();
  for (const name of imported) {
    const local = existingLocal(program, specifier, name);
    if (local) {
      plan.set(name, { imported: name, local, present: true });
      continue;
    }
    const fresh = freshName(name, (candidate) => namesInFile.has(candidate) || chosen.has(candidate));
    chosen.add(fresh);
    plan.set(name, { imported: name, local: fresh, present: false });
  }
  return plan;
}

function quoted(text: string, style: SourceStyle): string {
  const quote = style.quote === 'double' ? '"' : "'";
  return `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
}

function lineStart(source: string, at: number): number {
  return source.lastIndexOf('\n', at - 1) + 1;
}

function endOf(node: Node): number {
  return node.end ?? (node.range as [number, number])[1];
}

function startOf(node: Node): number {
  return node.start ?? (node.range as [number, number])[0];
}

/** Where a new top-level statement goes when nothing of its kind exists yet: after directives, before the first statement. */
function topInsertionPoint(source: string, program: AnyNode): { at: number; before: boolean } {
  const directives = (program.directives as Node[] | undefined) ?? [];
  const lastDirective = directives.at(-1);
  if (lastDirective) return { at: endOf(lastDirective), before: false };
  const body = program.body as Node[];
  const first = body[0];
  if (!first) return { at: source.length, before: false };
  if (first.type === 'ExpressionStatement' && (first.expression as AnyNode).type === 'StringLiteral') {
    return { at: endOf(first), before: false };
  }
  return { at: lineStart(source, startOf(first)), before: true };
}

function newStatementEdit(source: string, program: AnyNode, anchors: Node[], statement: string): TextEdit {
  const anchor = anchors.at(-1);
  if (anchor) return insertAt(endOf(anchor), `\n${statement}`);
  const point = topInsertionPoint(source, program);
  if (point.before) return insertAt(point.at, `${statement}\n`);
  return insertAt(point.at, `\n${statement}`);
}

/**
 * Adds the missing helper names to `source` (already rewritten) as text edits, so that every
 * byte outside the edit stays as it was: merged into an existing `import ... from '<helper>'`
 * or `const { ... } = require('<helper>')`, else one new statement after the last import /
 * require (or at the top), in the file's quote and semicolon style.
 */
export function addHelperImports(
  source: string,
  names: readonly HelperName[],
  options: { specifier: string; commonjs: boolean; style: SourceStyle; parse: (text: string) => AnyNode },
): string {
  const missing = names.filter((name) => !name.present);
  if (missing.length === 0) return source;
  const file = options.parse(source);
  const program = (file.type === 'File' ? file.program : file) as AnyNode;
  const semicolon = options.style.semicolons ? ';' : '';
  const body = program.body as Node[];

  if (options.commonjs) {
    const properties = missing.map((name) => (name.local === name.imported ? name.imported : `${name.imported}: ${name.local}`));
    const declarator = requireDeclarators(program, options.specifier).find((d) => (d.id as AnyNode).type === 'ObjectPattern');
    const lastProperty = declarator && ((declarator.id as AnyNode).properties as Node[]).at(-1);
    if (lastProperty && lastProperty.type !== 'RestElement') {
      return applyTextEdits(source, [insertAt(endOf(lastProperty), `, ${properties.join(', ')}`)]);
    }
    const requires = body.filter((statement) => statement.type === 'VariableDeclaration' &&
      (statement.declarations as AnyNode[]).some((d) => d.init && requireSource(unwrap(d.init as AnyNode)) !== undefined));
    const statement = `const { ${properties.join(', ')} } = require(${quoted(options.specifier, options.style)})${semicolon}`;
    return applyTextEdits(source, [newStatementEdit(source, program, requires, statement)]);
  }

  const specifiers = missing.map((name) => (name.local === name.imported ? name.imported : `${name.imported} as ${name.local}`));
  const existing = body.find((statement) => isValueImport(statement, options.specifier) &&
    !(statement.specifiers as AnyNode[]).some((spec) => spec.type === 'ImportNamespaceSpecifier'));
  if (existing) {
    const specs = existing.specifiers as Node[];
    const lastNamed = specs.filter((spec) => spec.type === 'ImportSpecifier').at(-1);
    if (lastNamed) return applyTextEdits(source, [insertAt(endOf(lastNamed), `, ${specifiers.join(', ')}`)]);
    const defaultSpec = specs.find((spec) => spec.type === 'ImportDefaultSpecifier');
    if (defaultSpec) return applyTextEdits(source, [insertAt(endOf(defaultSpec), `, { ${specifiers.join(', ')} }`)]);
  }
  const imports = body.filter((statement) => statement.type === 'ImportDeclaration');
  const statement = `import { ${specifiers.join(', ')} } from ${quoted(options.specifier, options.style)}${semicolon}`;
  return applyTextEdits(source, [newStatementEdit(source, program, imports, statement)]);
}
