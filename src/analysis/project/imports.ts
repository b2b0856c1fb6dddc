import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { keyName, moduleAccess, moduleCall, moduleExportName, stringValue } from './syntax';
import type { ImportBinding, ImportKind, ModuleRequest } from './types';

type Node = TSESTree.Node;

/** Names a destructuring pattern binds to parts of a module: `{ a, b: { c } }` gives `a` → `[...path, 'a']`, `c` → `[...path, 'b', 'c']`. */
function bindPattern(pattern: Node, path: string[], bind: (local: string, path: string[]) => void): void {
  if (pattern.type === 'Identifier') bind(pattern.name, path);
  else if (pattern.type === 'AssignmentPattern') bindPattern(pattern.left, path, bind);
  else if (pattern.type === 'ObjectPattern') {
    for (const property of pattern.properties) {
      if (property.type !== 'Property') continue; // `...rest` is not one export
      const name = keyName(property.key, property.computed);
      if (name !== undefined) bindPattern(property.value, [...path, name], bind);
    }
  }
}

/** The top-level import bindings: `import` declarations, `import x = require()`, `const x = require()` / `await import()` with destructuring. */
export function importBindings(program: TSESTree.Program): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const source = statement.source.value;
      for (const specifier of statement.specifiers) {
        const path =
          specifier.type === 'ImportNamespaceSpecifier' ? [] : specifier.type === 'ImportDefaultSpecifier' ? ['default'] : [moduleExportName(specifier.imported)];
        const typeOnly = statement.importKind === 'type' || (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type');
        bindings.push({ local: specifier.local.name, source, path, kind: 'import', typeOnly, range: statement.range });
      }
    } else if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference') {
      const source = stringValue(statement.moduleReference.expression);
      if (source !== undefined) {
        bindings.push({ local: statement.id.name, source, path: [], kind: 'require', typeOnly: statement.importKind === 'type', range: statement.range });
      }
    } else {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const declarator of declaration.declarations) {
        const access = moduleAccess(declarator.init);
        if (!access) continue;
        bindPattern(declarator.id, access.path, (local, path) =>
          bindings.push({ local, source: access.source, path, kind: access.kind, typeOnly: false, range: declarator.range }),
        );
      }
    }
  }
  return bindings;
}

function staticRequest(statement: TSESTree.ProgramStatement): ModuleRequest | undefined {
  switch (statement.type) {
    case 'ImportDeclaration':
      return { source: statement.source.value, kind: 'import', typeOnly: statement.importKind === 'type', range: statement.range };
    case 'ExportAllDeclaration':
      return { source: statement.source.value, kind: 'export', typeOnly: statement.exportKind === 'type', range: statement.range };
    case 'ExportNamedDeclaration':
      return statement.source ? { source: statement.source.value, kind: 'export', typeOnly: statement.exportKind === 'type', range: statement.range } : undefined;
    case 'TSImportEqualsDeclaration': {
      const reference = statement.moduleReference;
      const source = reference.type === 'TSExternalModuleReference' ? stringValue(reference.expression) : undefined;
      return source === undefined ? undefined : { source, kind: 'require', typeOnly: statement.importKind === 'type', range: statement.range };
    }
    default:
      return undefined;
  }
}

/** `require('x')` and `import('x')` calls anywhere in the program, in source order. */
function callRequests(program: TSESTree.Program): ModuleRequest[] {
  const found: ModuleRequest[] = [];
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const call = moduleCall(node);
    if (call) found.push({ source: call.source, kind: call.kind as ImportKind, typeOnly: false, range: node.range });
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (value[i] && typeof value[i].type === 'string') stack.push(value[i] as Node);
      } else if (value && typeof (value as Node).type === 'string') {
        stack.push(value as Node);
      }
    }
  }
  return found;
}

/** Could the text hold a `require(...)` or `import(...)` call? Most ES modules do not: their tree is then not walked. */
const MAY_CALL = /\brequire\s*\(|\bimport\s*\(/;

/** Every module the file names: static imports and re-exports, then `require` / `import()` calls, in source order. */
export function moduleRequests(program: TSESTree.Program, text: string): ModuleRequest[] {
  const requests = program.body.flatMap((statement) => staticRequest(statement) ?? []);
  if (MAY_CALL.test(text)) requests.push(...callRequests(program));
  return requests.sort((a, b) => a.range[0] - b.range[0]);
}
