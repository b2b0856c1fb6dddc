import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, decoratorExpression, decoratorsOf, dottedName } from './ast';
import { DECORATOR_APIS } from './background-apis';
import type { BackgroundContext, BackgroundOptions } from './contexts';
import { classMembers, classMethod, memberFunction } from './functions';
import type { ProgramIndex } from './program';

/** Methods that a decorator makes background handlers: `@Cron()`, `process` of a `@Processor()` class, the user's `backgroundDecorators`. */
export function decoratedHandlers(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  index: ProgramIndex,
  options: BackgroundOptions,
): { fn: FunctionNode; context: BackgroundContext }[] {
  const found: { fn: FunctionNode; context: BackgroundContext }[] = [];
  for (const decorator of decoratorsOf(classNode)) {
    const api = DECORATOR_APIS.find((entry) => entry.classMethod && index.refersTo(decoratorExpression(decorator), entry.sources, entry.name));
    const fn = api?.classMethod ? classMethod(classNode, api.classMethod) : undefined;
    if (api && fn) found.push({ fn, context: { kind: 'nest-decorator', label: api.label } });
  }
  for (const member of classMembers(classNode)) {
    const fn = memberFunction(member);
    if (!fn) continue;
    for (const decorator of decoratorsOf(member)) {
      const context = decoratorContext(decorator, index, options);
      if (context) found.push({ fn, context });
    }
  }
  return found;
}

function decoratorContext(decorator: TSESTree.Decorator, index: ProgramIndex, options: BackgroundOptions): BackgroundContext | undefined {
  const expression = decoratorExpression(decorator);
  for (const api of DECORATOR_APIS) {
    if (!api.classMethod && index.refersTo(expression, api.sources, api.name)) return { kind: 'nest-decorator', label: api.label };
  }
  const name = dottedName(expression);
  if (name !== undefined && options.backgroundDecorators?.includes(name)) {
    return { kind: 'user-decorator', label: `a method decorated with @${name}` };
  }
  return undefined;
}
