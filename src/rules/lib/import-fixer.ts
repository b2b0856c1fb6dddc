import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** What a suggestion needs to use `name` exported by `source`: the local name to write, and the fixes that import it. */
export interface ImportPlan {
  /** The identifier to write at the use site (`TaskGroup`, or an existing alias). */
  local: string;
  /** Fixes that add the import; empty when it is already there. */
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

export interface ImportRequest {
  /** Module specifier, e.g. `eslint-plugin-taskgroup/task-group`. */
  source: string;
  /** Named export, e.g. `TaskGroup`. */
  name: string;
}

type Program = TSESTree.Program;
type Statement = TSESTree.ProgramStatement;

/**
 * Plans the import of `request.name` from `request.source` for a suggestion at `node`:
 * - reuses an existing value import or `require` destructuring of that export (its alias included);
 * - merges into an existing `import { ... } from source` / `import X from source`, or an
 *   existing `const { ... } = require(source)` in CommonJS files;
 * - otherwise adds `import { name } from 'source';` after the last import (or
 *   `const { name } = require('source');` in CommonJS files), keeping the file's quotes
 *   and semicolons.
 * Returns `undefined` when `name` is already bound at `node` to something else: the
 * suggestion would change what that name means, so none is offered.
 */
export function planImport(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  request: ImportRequest,
): ImportPlan | undefined {
  const program = sourceCode.ast;
  const existing = existingBinding(program, request);
  if (existing) return { local: existing, fix: () => [] };
  if (isNameBound(sourceCode, node, request.name)) return undefined;
  const style = fileStyle(sourceCode);
  const quoted = `${style.quote}${request.source}${style.quote}`;
  const semi = style.semicolon ? ';' : '';
  const commonJS = isCommonJSProgram(program);
  return {
    local: request.name,
    fix(fixer) {
      if (!commonJS) {
        const target = mergeableImport(program, request.source);
        if (target) return [mergeIntoImport(fixer, sourceCode, target, request.name)];
        return [insertStatement(fixer, sourceCode, program, `import { ${request.name} } from ${quoted}${semi}`, isImport)];
      }
      const pattern = mergeableRequirePattern(program, request.source);
      if (pattern) return [mergeIntoPattern(fixer, sourceCode, pattern, request.name)];
      return [insertStatement(fixer, sourceCode, program, `const { ${request.name} } = require(${quoted})${semi}`, isRequireStatement)];
    },
  };
}

/** A value binding of the export already in the file: `import { TaskGroup as TG }` → `TG`. */
function existingBinding(program: Program, { source, name }: ImportRequest): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === source && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (
          specifier.type === 'ImportSpecifier' &&
          specifier.importKind !== 'type' &&
          importedName(specifier) === name
        ) {
          return specifier.local.name;
        }
      }
    }
    for (const declarator of requireDeclarators(statement, source)) {
      if (declarator.id.type !== 'ObjectPattern') continue;
      for (const property of declarator.id.properties) {
        if (
          property.type === 'Property' &&
          !property.computed &&
          property.key.type === 'Identifier' &&
          property.key.name === name &&
          property.value.type === 'Identifier'
        ) {
          return property.value.name;
        }
      }
    }
  }
  return undefined;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
}

function isNameBound(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable && variable.defs.length > 0) return true;
  }
  return false;
}

/** CommonJS: `require(...)` or `module.exports`/`exports.x` at the top level, and no ESM syntax. */
function isCommonJSProgram(program: Program): boolean {
  if (program.body.some(isModuleSyntax)) return false;
  return program.body.some((statement) => isRequireStatement(statement) || isExportsAssignment(statement));
}

function isModuleSyntax(statement: Statement): boolean {
  return (
    statement.type === 'ImportDeclaration' ||
    statement.type === 'ExportNamedDeclaration' ||
    statement.type === 'ExportDefaultDeclaration' ||
    statement.type === 'ExportAllDeclaration'
  );
}

function isImport(statement: Statement): boolean {
  return statement.type === 'ImportDeclaration';
}

function isRequireCall(node: TSESTree.Node | null | undefined): node is TSESTree.CallExpression {
  return (
    !!node &&
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  );
}

function isRequireStatement(statement: Statement): boolean {
  if (statement.type === 'VariableDeclaration') return statement.declarations.some((d) => requireRoot(d.init) !== undefined);
  return statement.type === 'ExpressionStatement' && isRequireCall(statement.expression);
}

/** `require('x')`, `require('x').y` → the call. */
function requireRoot(node: TSESTree.Expression | null | undefined): TSESTree.CallExpression | undefined {
  let current: TSESTree.Node | null | undefined = node;
  while (current && current.type === 'MemberExpression') current = current.object;
  return isRequireCall(current) ? current : undefined;
}

function isExportsAssignment(statement: Statement): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return false;
  let target: TSESTree.Node = statement.expression.left;
  while (target.type === 'MemberExpression') target = target.object;
  return target.type === 'Identifier' && (target.name === 'module' || target.name === 'exports');
}

function requireDeclarators(statement: Statement, source: string): TSESTree.VariableDeclarator[] {
  if (statement.type !== 'VariableDeclaration') return [];
  return statement.declarations.filter((declarator) => {
    const init = declarator.init;
    if (!isRequireCall(init)) return false;
    const argument = init.arguments[0];
    return argument?.type === 'Literal' && argument.value === source;
  });
}

/** An `import { ... } from source` or `import X from source` (not namespace, not type-only) to merge into. */
function mergeableImport(program: Program, source: string): TSESTree.ImportDeclaration | undefined {
  const candidates = program.body.filter(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === 'ImportDeclaration' &&
      statement.source.value === source &&
      statement.importKind !== 'type' &&
      statement.specifiers.length > 0 &&
      !statement.specifiers.some((specifier) => specifier.type === 'ImportNamespaceSpecifier'),
  );
  return candidates.find((d) => d.specifiers.some((s) => s.type === 'ImportSpecifier')) ?? candidates[0];
}

function mergeIntoImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  declaration: TSESTree.ImportDeclaration,
  name: string,
): TSESLint.RuleFix {
  const named = declaration.specifiers.filter((s) => s.type === 'ImportSpecifier');
  const last = named.at(-1);
  if (last) return fixer.insertTextAfter(last, `, ${name}`);
  // Only a default import: `import X from 's'` → `import X, { name } from 's'`.
  const defaultSpecifier = declaration.specifiers[0]!;
  const next = sourceCode.getTokenAfter(defaultSpecifier);
  if (next && next.value === ',') {
    // `import X, {} from 's'`
    const brace = sourceCode.getTokenAfter(next)!;
    return fixer.insertTextAfter(brace, ` ${name} `);
  }
  return fixer.insertTextAfter(defaultSpecifier, `, { ${name} }`);
}

function mergeableRequirePattern(program: Program, source: string): TSESTree.ObjectPattern | undefined {
  for (const statement of program.body) {
    for (const declarator of requireDeclarators(statement, source)) {
      if (declarator.id.type === 'ObjectPattern' && !declarator.id.properties.some((p) => p.type === 'RestElement')) {
        return declarator.id;
      }
    }
  }
  return undefined;
}

function mergeIntoPattern(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  pattern: TSESTree.ObjectPattern,
  name: string,
): TSESLint.RuleFix {
  const last = pattern.properties.at(-1);
  if (last) return fixer.insertTextAfter(last, `, ${name}`);
  return fixer.insertTextAfter(sourceCode.getFirstToken(pattern)!, ` ${name} `);
}

/** Inserts `text` on its own line after the last statement matching `after`, or before the first statement (after directives). */
function insertStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  program: Program,
  text: string,
  after: (statement: Statement) => boolean,
): TSESLint.RuleFix {
  const anchors = program.body.filter(after);
  const lastAnchor = anchors.at(-1);
  if (lastAnchor) return fixer.insertTextAfter(lastAnchor, `\n${text}`);
  const directives = program.body.filter(
    (statement) => statement.type === 'ExpressionStatement' && typeof (statement as { directive?: string }).directive === 'string',
  );
  const lastDirective = directives.at(-1);
  if (lastDirective) return fixer.insertTextAfter(lastDirective, `\n${text}`);
  // Before the first statement: below a leading comment block (license, `// @ts-check`).
  const first = program.body[0];
  if (first) return fixer.insertTextBefore(first, `${text}\n`);
  return fixer.insertTextAfterRange([0, sourceCode.text.length], `\n${text}\n`);
}

interface FileStyle {
  quote: "'" | '"';
  semicolon: boolean;
}

/** The file's quote style (from its import/require specifiers, else its string literals) and whether statements end with `;`. */
function fileStyle(sourceCode: Readonly<TSESLint.SourceCode>): FileStyle {
  let single = 0;
  let double = 0;
  for (const token of sourceCode.ast.tokens ?? []) {
    if (token.type !== 'String') continue;
    if (token.value.startsWith("'")) single += 1;
    else if (token.value.startsWith('"')) double += 1;
  }
  const statements = sourceCode.ast.body.filter((s) => s.type === 'ImportDeclaration' || s.type === 'VariableDeclaration' || s.type === 'ExpressionStatement');
  const withSemicolon = statements.filter((s) => sourceCode.getLastToken(s)?.value === ';').length;
  return {
    quote: double > single ? '"' : "'",
    semicolon: statements.length === 0 || withSemicolon * 2 >= statements.length,
  };
}
