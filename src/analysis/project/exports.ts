import type { TSESTree } from '@typescript-eslint/utils';
import { describeClass, patternNames, refOf } from './declarations';
import { commonJsExportName, exportsAliases, isModuleExports, moduleAccess, moduleExportName, unwrapExpression } from './syntax';
import type { ExportEntry, Ref } from './types';

type Node = TSESTree.Node;

/** What a module exports: named and default exports, `export *` sources, the CommonJS module object. */
export interface ModuleExports {
  exports: ExportEntry[];
  stars: string[];
  moduleObject?: Ref;
}

/** Declarations that hold only types: nothing runs there. */
const TYPE_ONLY = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction']);

function namedExports(statement: TSESTree.ExportNamedDeclaration, add: (name: string, ref: Ref) => void): void {
  const declaration = statement.declaration;
  if (declaration) {
    if (TYPE_ONLY.has(declaration.type) || (declaration.type === 'TSModuleDeclaration' && declaration.declare)) return;
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) for (const name of patternNames(declarator.id)) add(name, { kind: 'local', name });
    } else if ('id' in declaration && declaration.id?.type === 'Identifier') {
      add(declaration.id.name, { kind: 'local', name: declaration.id.name });
    }
    return;
  }
  const source = statement.source?.value;
  for (const specifier of statement.specifiers) {
    const local = moduleExportName(specifier.local);
    const exported = moduleExportName(specifier.exported);
    add(exported, source === undefined ? { kind: 'local', name: local } : { kind: 'import', source, path: [local] });
  }
}

function defaultExport(statement: TSESTree.ExportDefaultDeclaration): Ref | undefined {
  const declaration = statement.declaration;
  switch (declaration.type) {
    case 'FunctionDeclaration':
      return declaration.id ? { kind: 'local', name: declaration.id.name } : { kind: 'declaration', declaration: { kind: 'function', name: 'default', range: declaration.range } };
    case 'ClassDeclaration':
      return declaration.id ? { kind: 'local', name: declaration.id.name } : { kind: 'declaration', declaration: describeClass(declaration, 'default') };
    default:
      return TYPE_ONLY.has(declaration.type) ? undefined : refOf(declaration as Node, 'default');
  }
}

/** The value an assignment finally stores: `module.exports = exports = X` stores `X`. */
function assignedValue(expression: TSESTree.Expression): TSESTree.Expression {
  let value = expression;
  while (value.type === 'AssignmentExpression' && value.operator === '=') value = value.right;
  return value;
}

/**
 * CommonJS: `module.exports = X`, `exports.a = X`, `module.exports.a = X`, `module.exports = {
 * ...require('./a'), b }`, `api.a = X` after `const api = module.exports` (`aliases`).
 */
function commonJsExports(statement: TSESTree.ExpressionStatement, result: ModuleExports, add: (name: string, ref: Ref) => void, aliases: ReadonlySet<string>): void {
  const expression = statement.expression;
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return;
  const value = assignedValue(expression);
  const targets: Node[] = [];
  for (let current: TSESTree.Expression = expression; current.type === 'AssignmentExpression' && current.operator === '='; current = current.right) {
    targets.push(current.left);
  }
  for (const target of targets) {
    if (isModuleExports(target)) {
      result.moduleObject = refOf(value);
      const object = unwrapExpression(value);
      if (object.type === 'ObjectExpression') {
        for (const property of object.properties) {
          const spread = property.type === 'SpreadElement' ? moduleAccess(property.argument) : undefined;
          if (spread && spread.path.length === 0) result.stars.push(spread.source);
        }
      }
      continue;
    }
    const name = commonJsExportName(target, aliases);
    if (name !== undefined) add(name, refOf(value, name));
  }
}

/** The exports of a program, ESM and CommonJS alike (only top-level statements export). */
export function moduleExports(program: TSESTree.Program): ModuleExports {
  const result: ModuleExports = { exports: [], stars: [] };
  const add = (name: string, ref: Ref) => result.exports.push({ name, ref });
  const aliases = exportsAliases(program);
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ExportNamedDeclaration':
        namedExports(statement, add);
        break;
      case 'ExportDefaultDeclaration': {
        const ref = defaultExport(statement);
        if (ref) add('default', ref);
        break;
      }
      case 'ExportAllDeclaration':
        if (statement.exported) add(moduleExportName(statement.exported), { kind: 'import', source: statement.source.value, path: [] });
        else result.stars.push(statement.source.value);
        break;
      case 'TSExportAssignment':
        result.moduleObject = refOf(statement.expression);
        break;
      case 'ExpressionStatement':
        commonJsExports(statement, result, add, aliases);
        break;
      default:
        break;
    }
  }
  return result;
}
