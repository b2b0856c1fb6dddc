import { type FunctionNode, type Node, isCall, unwrap } from './ast';
import { isSuspension, someInOwnBody } from './functions';
import type { ProgramIndex } from './program';

const FILE_SYSTEM_SOURCES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra'];

/** `fs.unlink(tmp)`, `fs.promises.rm(dir)`, `unlink(tmp)` imported from `fs/promises`, `fse.remove(dir)`: local work that ends in milliseconds. */
export function isLocalFileCall(call: Node, index: ProgramIndex): boolean {
  if (!isCall(call)) return false;
  const ref = index.moduleRef(unwrap(call.callee));
  return ref !== undefined && ref.path.length > 0 && FILE_SYSTEM_SOURCES.includes(ref.source);
}

/**
 * An `async` function that waits on the file system and nothing else (`file.delete = async
 * (path) => { try { await fs.promises.unlink(path); } catch … }`): a call of it is local file
 * work too, in the module or, through its summary, from another one.
 */
export function waitsOnlyOnFiles(fn: FunctionNode, index: ProgramIndex): boolean {
  if (!fn.async || fn.body.type !== 'BlockStatement') return false;
  let waits = false;
  const other = someInOwnBody(fn, index.visitorKeys, (node) => {
    if (node.type === 'ReturnStatement' && node.argument && isCall(unwrap(node.argument))) return true;
    if (!isSuspension(node)) return false;
    waits = true;
    return node.type !== 'AwaitExpression' || !isLocalFileCall(unwrap(node.argument), index);
  });
  return waits && !other;
}
