import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isIdentifier, isMember, isNew, memberPropertyName, parameterIdentifier, unwrap } from '../ast';
import { classMembers, memberName, thisClass } from '../functions';
import type { ProgramIndex } from '../program';
import type { EdgeTarget } from '../project/summary';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The class name a type annotation names: `SendMail`, `Readonly<SendMail>` is not followed. */
function typeName(annotation: TSESTree.TypeNode | undefined): TSESTree.Identifier | undefined {
  return annotation?.type === 'TSTypeReference' && isIdentifier(annotation.typeName) ? annotation.typeName : undefined;
}

/**
 * The class a field of `classNode` holds, by its declaration: a constructor parameter property
 * (`constructor(private readonly useCase: SendMail)`, Nest and Angular DI), a field typed with
 * a class (`@Inject() private mailer: Mailer`), or a field initialised with `new Mailer()`.
 */
export function fieldClassName(classNode: ClassNode, field: string): TSESTree.Identifier | undefined {
  for (const member of classMembers(classNode)) {
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type !== 'TSParameterProperty') continue;
        const id = parameterIdentifier(param);
        if (id?.name === field) return typeName(id.typeAnnotation?.typeAnnotation);
      }
    } else if (member.type === 'PropertyDefinition' && !member.static && memberName(member) === field) {
      const value = unwrap(member.value);
      if (isNew(value) && isIdentifier(unwrap(value.callee))) return unwrap(value.callee) as TSESTree.Identifier;
      return typeName(member.typeAnnotation?.typeAnnotation);
    }
  }
  return undefined;
}

/**
 * `this.useCase.execute` where the field `useCase` holds a class (see {@link fieldClassName}):
 * the edge to that class's method, through its import (`{ source, path: ['SendMail', 'prototype', 'execute'] }`)
 * or, for a class of the module, its name.
 */
export function fieldTypeTarget(callee: Node, index: ProgramIndex): EdgeTarget | undefined {
  if (!isMember(callee)) return undefined;
  const method = memberPropertyName(callee);
  const object = unwrap(callee.object);
  if (method === undefined || !isMember(object) || unwrap(object.object).type !== 'ThisExpression') return undefined;
  const field = memberPropertyName(object);
  const owner = field === undefined ? undefined : thisClass(callee);
  const type = owner && field !== undefined ? fieldClassName(owner, field) : undefined;
  if (!type) return undefined;
  const binding = index.resolveTypeName(callee, type.name);
  if (!binding) return undefined;
  if (binding.kind !== 'local') return { kind: 'module', source: binding.source, path: [...binding.path, 'prototype', method] };
  return { kind: 'import', local: type.name, path: ['prototype', method] };
}

/**
 * A method call whose receiver only types can resolve: `this.mailer.send()` (a field typed
 * with an interface, or untyped), `mailer.send()` on a typed parameter or on a variable typed
 * or initialised with `new`. Such calls become `call` edges, followed with type information.
 */
export function hasTypedReceiver(callee: Node, index: ProgramIndex): boolean {
  if (!isMember(callee)) return false;
  const object = unwrap(callee.object);
  if (isMember(object)) return unwrap(object.object).type === 'ThisExpression';
  if (!isIdentifier(object)) return false;
  const def = index.variableAt(object, object.name)?.defs[0];
  if (!def || !isIdentifier(def.name)) return false;
  if (def.type === 'Parameter') return def.name.typeAnnotation !== undefined;
  if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator') return false;
  return def.name.typeAnnotation !== undefined || isNew(unwrap(def.node.init));
}
