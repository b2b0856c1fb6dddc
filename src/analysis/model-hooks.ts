import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, decoratorExpression, decoratorsOf, isCall, isMember, memberPropertyName, stringValue, unwrap } from './ast';
import { classMembers, memberFunction, referencedFunction } from './functions';
import type { ProgramIndex } from './program';

/** Lifecycle events of a model or entity: `afterCreate`, `beforeSave`, `afterBulkDestroy`, `afterInsert`, `afterRemove`… */
const HOOK_NAME = /^(before|after)(Bulk)?(Create|Update|Save|Destroy|Upsert|Restore|Insert|Remove|SoftRemove|Recover|Load)$/;
/** Where hook decorators come from: sequelize-typescript's `@AfterSave`, TypeORM's `@AfterInsert`. */
const DECORATOR_SOURCES = ['sequelize-typescript', 'typeorm'];
/** Mongoose document and query middleware events: `schema.post('save', fn)`. */
const MONGOOSE_EVENTS = new Set(['save', 'validate', 'remove', 'deleteOne', 'deleteMany', 'updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndDelete', 'insertMany', 'init']);

/**
 * Model hooks: functions an ORM runs inside a save, an update or a delete, so in the request or
 * job that made the change — sequelize-typescript and TypeORM decorators (`@AfterUpdate`,
 * `@AfterInsert`), Sequelize's `Model.addHook('afterCreate', fn)`, `Model.afterCreate(fn)` and
 * a transaction's `afterCommit(fn)`, Mongoose's `schema.pre('save', fn)` / `schema.post(…)`,
 * Prisma's `prisma.$use(fn)` middleware. What they leave floating outlives that change.
 */
export function modelHook(node: Node, index: ProgramIndex): FunctionNode[] {
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
    return classMembers(node).flatMap((member) => {
      const fn = memberFunction(member);
      return fn && decoratorsOf(member).some((decorator) => isHookDecorator(decorator, index)) ? [fn] : [];
    });
  }
  if (!isCall(node)) return [];
  const callee = unwrap(node.callee);
  const method = isMember(callee) ? memberPropertyName(callee) : undefined;
  if (method === undefined) return [];
  const hook = hookArgument(node, method, index);
  const fn = hook ? referencedFunction(hook, index) : undefined;
  return fn ? [fn] : [];
}

function hookArgument(call: TSESTree.CallExpression, method: string, index: ProgramIndex): Node | undefined {
  const [first, second] = call.arguments;
  if (method === 'addHook') return HOOK_NAME.test(stringValue(first) ?? '') ? (call.arguments.length > 2 ? call.arguments[2] : second) : undefined;
  if (method === 'afterCommit' || (HOOK_NAME.test(method) && index.importsModule('sequelize', 'sequelize-typescript'))) return call.arguments.at(-1);
  if ((method === 'pre' || method === 'post') && index.importsModule('mongoose')) return MONGOOSE_EVENTS.has(stringValue(first) ?? '') ? call.arguments.at(-1) : undefined;
  if (method === '$use') return first;
  return undefined;
}

/** `@AfterSave` / `@AfterInsert()` imported from sequelize-typescript or TypeORM. */
function isHookDecorator(decorator: TSESTree.Decorator, index: ProgramIndex): boolean {
  const expression = decoratorExpression(decorator);
  const ref = index.moduleRef(expression);
  const name = ref?.path.at(-1);
  return ref !== undefined && DECORATOR_SOURCES.includes(ref.source) && name !== undefined && HOOK_NAME.test(name[0]!.toLowerCase() + name.slice(1));
}
