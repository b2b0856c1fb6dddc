import { type AnyNode, type FunctionNode, isIdentifier, isObjectExpression, propertyKeyName, unwrap } from './ast';
import { CLOUDFLARE_HANDLERS } from './background-apis';
import type { BackgroundContext } from './contexts';
import { referencedFunction } from './functions';
import type { ProgramIndex } from './program';

/**
 * The `scheduled` / `queue` handlers of a Cloudflare Workers module:
 * `export default { async scheduled(event, env, ctx) {...} }`, also through
 * `satisfies ExportedHandler<Env>` and `const worker = {...}; export default worker`.
 */
export function cloudflareHandlers(exportDefault: AnyNode, index: ProgramIndex): { fn: FunctionNode; context: BackgroundContext }[] {
  let object = unwrap(exportDefault.declaration as AnyNode | undefined);
  if (isIdentifier(object)) {
    const binding = index.resolve(object);
    object = binding?.kind === 'local' && binding.init ? unwrap(binding.init) : undefined;
  }
  if (!isObjectExpression(object)) return [];
  const found: { fn: FunctionNode; context: BackgroundContext }[] = [];
  for (const property of object.properties) {
    const key = propertyKeyName(property.key as AnyNode, property.computed as boolean);
    if (key === undefined || !Object.hasOwn(CLOUDFLARE_HANDLERS, key)) continue;
    const fn = referencedFunction(property.type === 'ObjectMethod' ? property : (property.value as AnyNode), index);
    if (fn) found.push({ fn, context: { kind: 'cloudflare-handler', label: CLOUDFLARE_HANDLERS[key]! } });
  }
  return found;
}
