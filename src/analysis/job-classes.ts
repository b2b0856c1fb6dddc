import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, lastName } from './ast';
import { JOB_BASE_CLASS, JOB_METHODS } from './background-apis';
import type { BackgroundContext } from './contexts';
import { classMembers, memberFunction, memberName } from './functions';

/**
 * The run method of a job class: `perform` / `process` / `handle` / `execute` / `run` of a
 * class that extends a class named like a job base (`extends BaseTask<Props>`,
 * `extends BaseProcessor`, `extends CronTask`, `extends queues.Job`). A queue in another module
 * runs it through a registry the cross-module index cannot follow (Outline's
 * `server/services/worker.ts`), so the name of the base class stands for the registration.
 */
export function jobClassHandlers(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): { fn: FunctionNode; context: BackgroundContext }[] {
  const base = baseClassName(classNode.superClass);
  if (base === undefined || !JOB_BASE_CLASS.test(base)) return [];
  const found: { fn: FunctionNode; context: BackgroundContext }[] = [];
  for (const member of classMembers(classNode)) {
    const name = memberName(member);
    const fn = memberFunction(member);
    if (fn && !member.static && name !== undefined && JOB_METHODS.has(name)) {
      found.push({ fn, context: { kind: 'job-class', label: `a job class's ${name}() (extends ${base})` } });
    }
  }
  return found;
}

/** `BaseTask` of `extends BaseTask<Props>`, `Job` of `extends queues.Job`. */
function baseClassName(superClass: Node | null | undefined): string | undefined {
  return lastName(superClass);
}
