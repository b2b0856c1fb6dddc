import { type FunctionNode, type Node, isCall, isFunctionNode, isIdentifier, isMember, isNew, unwrap } from './ast';
import type { BackgroundContext } from './contexts';
import { calledFunction, functionName, referencedFunction } from './functions';
import type { ProgramIndex } from './program';

/**
 * Extends `handlers` with every function of the module reached from a background root
 * (a handler function or an after-the-response statement), transitively: functions it
 * calls (awaited or not) — `work()`, `this.flush()`, `helper.call(this)` — and functions
 * it passes by name (`items.forEach(processItem)`, `emitter.on('x', this.onX)`).
 * Request handlers (`boundaries`) are not entered: code there is request-path code.
 */
export function addReachedFunctions(
  handlers: Map<Node, BackgroundContext>,
  roots: Iterable<[Node, BackgroundContext]>,
  boundaries: ReadonlySet<Node>,
  index: ProgramIndex,
): void {
  const queue: [Node, BackgroundContext][] = [...roots];
  while (queue.length > 0) {
    const [root, context] = queue.shift()!;
    const origin = context.kind === 'reached' && context.reachedFrom ? context.reachedFrom : context;
    for (const target of functionsUsedIn(root, boundaries, index)) {
      if (handlers.has(target) || boundaries.has(target)) continue;
      const name = functionName(target);
      const reached: BackgroundContext = {
        kind: 'reached',
        label: name ? `\`${name}\`, called from ${origin.label}` : `a function called from ${origin.label}`,
        reachedFrom: origin,
        ...(origin.processExit ? { processExit: true } : {}),
      };
      handlers.set(target, reached);
      queue.push([target, reached]);
    }
  }
}

/** Same-module functions called or passed by reference inside `root` (nested functions included, request handlers not). */
export function functionsUsedIn(root: Node, boundaries: ReadonlySet<Node>, index: ProgramIndex): FunctionNode[] {
  const found: FunctionNode[] = [];
  index.walk(root, (node) => {
    if (node !== root && boundaries.has(node)) return false;
    if (isCall(node) || isNew(node)) {
      if (isCall(node)) {
        const called = calledFunction(node, index);
        if (called && !isFunctionNode(unwrap(node.callee))) found.push(called);
      }
      for (const argument of node.arguments) {
        const value = unwrap(argument);
        // Function expressions are nested in `root` already; names, `this.x` and `x.bind(...)` are followed.
        if (isIdentifier(value) || isMember(value) || isCall(value)) {
          const referenced = referencedFunction(value, index);
          if (referenced) found.push(referenced);
        }
      }
    }
    return true;
  });
  return found;
}
