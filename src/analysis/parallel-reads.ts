import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, isCall, isFunctionNode, isIdentifier, isMember, lastName, memberPropertyName, unwrap } from './ast';
import { QUEUE_RECEIVER } from './background-apis';
import { receiverName } from './callbacks';
import { isPlainValue } from './owned-promises';
import type { ProgramIndex } from './program';
import { findSignalApi } from './signal-api-table';

/**
 * Verbs that name a read: `getUser`, `findAll`, `isActive`, `hasAccess`, `countDocuments`,
 * `readFile`, `loadConfig`, `listKeys`, `file.walk`, `exists`, `stat`. Bare `fetch` is not
 * one: it goes over the network, where a deadline matters.
 */
const READ_VERB = /^(get|find|is|has|can|count|read|load|list|walk|exists|stat|lookup|search|select)(?![a-z])/;
/** ...unless the name goes on to a write: `findOrCreate`, `findOneAndUpdate`, `getOrSet`. */
const WRITE_WORD = /(Create|Update|Delete|Upsert|Insert|Save|Remove|Destroy|Write|Set|Modify|Replace)(?![a-z])/;

/** Methods that add a job to a queue named like one (`emailQueue.add(…)`, BullMQ's `addBulk`). */
const ENQUEUE_METHODS = new Set(['add', 'addBulk', 'enqueue']);
/** `new SendMailTask().schedule(props)`: a job class (named like one) scheduling itself. */
const JOB_CLASS_NAME = /(Task|Job)$/;

/**
 * Handing a job to a queue: `emailQueue.add('send', data)`, `this.queue.addBulk(jobs)`,
 * `queue.enqueue(job)`, `new CleanupTask().schedule(props)`. A short write to the queue's store;
 * the queue owns the job from then on, and a failed enqueue is no reason to take back the others.
 */
function isEnqueue(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (!isMember(callee)) return false;
  const method = memberPropertyName(callee);
  const receiver = unwrap(callee.object);
  if (method === 'schedule') return receiver.type === 'NewExpression' && isIdentifier(unwrap(receiver.callee)) && JOB_CLASS_NAME.test((unwrap(receiver.callee) as TSESTree.Identifier).name);
  return ENQUEUE_METHODS.has(method ?? '') && QUEUE_RECEIVER.test(receiverName(receiver) ?? '');
}

/** Most elements a tuple of parallel reads has (`const [a, b, c] = await Promise.all([…])`). */
const MOST_READS = 4;

/**
 * `await Promise.all([getA(), findB()])`: a few reads run side by side, whose results the
 * function goes on with. If one fails, what the others cost is a result thrown away: nothing
 * keeps running long enough to matter, and no maintainer would scope them. The same for a
 * lookup per item (`await Promise.all(ids.map((id) => repo.findByPk(id)))`). A write among the
 * calls (`findOrCreate` counts as one), a callback that does more than read, or anything not
 * awaited here is no such read. Enqueues count as reads here (`await Promise.all(users.map((u) =>
 * emailQueue.add('digest', u)))`): each hands its job to the queue, which owns it.
 */
export function isParallelReads(call: TSESTree.CallExpression, index: ProgramIndex): boolean {
  if (call.parent?.type !== 'AwaitExpression') return false;
  const list = unwrap(call.arguments[0]);
  if (isCall(list) && memberPropertyName(unwrap(list.callee)) === 'map') return mapsToReads(list, index);
  if (list?.type !== 'ArrayExpression' || list.elements.length < 2 || list.elements.length > MOST_READS) return false;
  const results = list.elements.flatMap((element) => (!element || element.type === 'SpreadElement' ? [undefined] : resultsOf(element)));
  const calls = results.filter((result) => !result || !isPlainValue(result));
  if (calls.length === 0) return false;
  return calls.every((result) => !!result && isReadCall(result, index)) || isStoreBatch(calls, index);
}

/** A data store's client named as one: `db`, `redis`, `prisma`, `knex`, a transaction `tx`, `this.database`. */
const STORE_RECEIVER = /^(db|database|redis|cache|knex|prisma|sql|mongo|pool|tx|trx|transaction)$/i;

/**
 * `await Promise.all([db.sortedSetsRemove(k, id), db.sortedSetsAdd(keys, now, id)])`: a handful
 * of operations on one data store, side by side. If one fails, the others end against the same
 * store in milliseconds; no driver call there takes a signal a group could abort, and what a
 * failed batch of writes needs is a transaction, not a scope.
 */
function isStoreBatch(calls: (Node | undefined)[], index: ProgramIndex): boolean {
  let store: string | undefined;
  return calls.every((node) => {
    const value = node && unwrap(node.type === 'AwaitExpression' ? node.argument : node);
    if (!value || !isCall(value) || findSignalApi(value, index)) return false;
    const callee = unwrap(value.callee);
    const root = isMember(callee) ? storeRoot(callee.object) : undefined;
    if (root === undefined || (store !== undefined && root !== store)) return false;
    store = root;
    return true;
  });
}

/** The store client a receiver starts from: `db` of `db.users`, `database` of `this.database`, `prisma` of `prisma.link`. */
function storeRoot(receiver: Node): string | undefined {
  let node = unwrap(receiver);
  while (isMember(node) && !(unwrap(node.object).type === 'ThisExpression')) node = unwrap(node.object);
  const name = isIdentifier(node) ? node.name : isMember(node) ? memberPropertyName(node) : undefined;
  return name !== undefined && STORE_RECEIVER.test(name) ? name : undefined;
}

/**
 * `ids.map((id) => repo.findByPk(id))`: a lookup per item whose every call is a read (or
 * `Promise.resolve(x)` for an item already at hand). A failed read leaves only reads running.
 */
function mapsToReads(map: TSESTree.CallExpression, index: ProgramIndex): boolean {
  const callback = unwrap(map.arguments[0]);
  if (!isFunctionNode(callback)) return false;
  if (callback.body.type === 'BlockStatement') return callback.body.body.every((statement) => readsOnly(statement, index));
  const results = resultsOf(unwrap(callback.body));
  return results.length > 0 && results.every((result) => isReadCall(result, index) || isPromiseResolve(result));
}

/**
 * A statement of a block-bodied lookup: `const url = await storage.getSignedUrl(key);`,
 * `mapping.set(key, url);` / `found.push(x)` (keeping the result), `return url;`.
 */
function readsOnly(statement: TSESTree.Statement, index: ProgramIndex): boolean {
  if (statement.type === 'VariableDeclaration') return statement.declarations.every((declarator) => !declarator.init || isReadCall(declarator.init, index));
  if (statement.type === 'ReturnStatement') return !statement.argument || isIdentifier(unwrap(statement.argument)) || isReadCall(statement.argument, index);
  if (statement.type !== 'ExpressionStatement') return false;
  const expression = unwrap(statement.expression);
  if (expression.type === 'AwaitExpression') return isReadCall(expression, index);
  const callee = isCall(expression) ? unwrap(expression.callee) : undefined;
  return isMember(callee) && isIdentifier(unwrap(callee.object)) && KEEPS_RESULT.has(memberPropertyName(callee) ?? '');
}

/** Methods that keep a result in a local collection. */
const KEEPS_RESULT = new Set(['set', 'push', 'add']);

/** The values an expression-bodied callback can return: both arms of a conditional. */
function resultsOf(node: Node): Node[] {
  const value = unwrap(node);
  if (value.type === 'ConditionalExpression') return [...resultsOf(value.consequent), ...resultsOf(value.alternate)];
  return [value];
}

function isPromiseResolve(node: Node): boolean {
  const callee = isCall(node) ? unwrap(node.callee) : undefined;
  return isMember(callee) && isIdentifier(unwrap(callee.object), 'Promise') && memberPropertyName(callee) === 'resolve';
}

/**
 * A call named like a read, and not of a signal-accepting API (`readFile`): that one the
 * rewrite can cancel. An enqueue counts too (see `isEnqueue`): the queue owns the job it adds.
 */
function isReadCall(element: Node, index: ProgramIndex): boolean {
  let value = unwrap(element);
  if (value.type === 'AwaitExpression') value = unwrap(value.argument);
  if (!isCall(value) || isFunctionNode(unwrap(value.callee)) || findSignalApi(value, index)) return false;
  if (isEnqueue(value)) return true;
  const name = lastName(value.callee);
  return name !== undefined && READ_VERB.test(name) && !WRITE_WORD.test(name);
}
