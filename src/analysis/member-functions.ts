import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isFunctionNode, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';
import type { ProgramIndex } from './program';

/**
 * Functions a module assigns to a property of one of its own objects, CommonJS style:
 * `const Scheduled = module.exports; Scheduled.handleExpired = async function () {…}`,
 * `exports.run = () => …`, `const jobs = {}; jobs.sweep = async () => …`.
 * `Obj.name` denotes that function when `Obj` is `module.exports`, `exports` or a
 * module-level `const`/`var` initialised with an object literal or `module.exports`, and the
 * module assigns `Obj.name` exactly once, as a statement of its top level.
 */
export function assignedMemberFunction(member: TSESTree.MemberExpression, index: ProgramIndex): FunctionNode | undefined {
  const name = memberPropertyName(member);
  const assignments = assignmentsOf(index);
  // Most member expressions name a property the module never assigns a function to: no scope lookup for them.
  if (name === undefined || !assignments.names.has(name)) return undefined;
  const object = objectKey(member.object, index);
  if (object === undefined) return undefined;
  return assignments.byKey.get(`${object}\0${name}`) ?? undefined;
}

const MODULE_EXPORTS = 'module.exports';

interface Assignments {
  /** `Obj\0name` → the one function assigned at the top level, or `null` when assigned otherwise or more than once. */
  byKey: Map<string, FunctionNode | null>;
  /** The property names some function is assigned to. */
  names: Set<string>;
}

const cache = new WeakMap<ProgramIndex, Assignments>();

function assignmentsOf(index: ProgramIndex): Assignments {
  let found = cache.get(index);
  if (found) return found;
  found = { byKey: new Map(), names: new Set() };
  for (const node of index.nodes) {
    if (node.type !== 'AssignmentExpression' || !isMember(node.left)) continue;
    const name = memberPropertyName(node.left);
    const object = name === undefined ? undefined : objectKey(node.left.object, index);
    if (object === undefined) continue;
    const key = `${object}\0${name}`;
    const value = unwrap(node.right);
    const once = !found.byKey.has(key) && node.operator === '=' && isFunctionNode(value) && isTopLevelStatement(node);
    found.byKey.set(key, once ? value : null);
    if (once) found.names.add(name!);
  }
  cache.set(index, found);
  return found;
}

function isTopLevelStatement(node: Node): boolean {
  return node.parent?.type === 'ExpressionStatement' && node.parent.parent?.type === 'Program';
}

/** What object an expression names: `module.exports` (also `exports` and aliases of it), or a module-level object variable. */
function objectKey(expression: Node, index: ProgramIndex): string | undefined {
  const node = unwrap(expression);
  if (isModuleExports(node, index)) return MODULE_EXPORTS;
  if (!isIdentifier(node)) return undefined;
  if (node.name === 'exports' && index.isGlobal(node)) return MODULE_EXPORTS;
  const binding = index.resolve(node);
  if (binding?.kind !== 'local') return undefined;
  const declarator = binding.declaration;
  const declaration = declarator.parent;
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declaration?.type !== 'VariableDeclaration') return undefined;
  const statement = declaration.parent?.type === 'ExportNamedDeclaration' ? declaration.parent : declaration;
  if (declaration.kind === 'let' || statement.parent?.type !== 'Program') return undefined;
  if (binding.variable.references.some((reference) => isWrittenAgain(reference.identifier as Node, declarator))) return undefined;
  const init = unwrap(declarator.init);
  if (isModuleExports(init, index)) return MODULE_EXPORTS;
  return init?.type === 'ObjectExpression' ? `${node.name}@${declarator.range[0]}` : undefined;
}

function isModuleExports(node: Node | undefined, index: ProgramIndex): boolean {
  return isMember(node) && isIdentifier(node.object, 'module') && memberPropertyName(node) === 'exports' && index.isGlobal(node.object);
}

/** `Obj = …` other than the declarator's own initialiser (a `var` that holds another object later). */
function isWrittenAgain(id: Node, declarator: Node): boolean {
  return id.parent !== declarator && id.parent?.type === 'AssignmentExpression' && id.parent.left === id;
}
