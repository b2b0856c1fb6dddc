import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, type Node, isIdentifier, propertyKeyName, unwrap } from './ast';
import { CLOUDFLARE_HANDLERS } from './background-apis';
import type { BackgroundContext } from './contexts';
import { referencedFunction } from './functions';
import type { ProgramIndex } from './program';

/**
 * The `scheduled` / `queue` handlers of a Cloudflare Workers module:
 * `export default { async scheduled(event, env, ctx) {...} }`, also through
 * `satisfies ExportedHandler<Env>` and `const worker = {...}; export default worker`.
 */
export function cloudflareHandlers(exportDefault: TSESTree.ExportDefaultDeclaration, index: ProgramIndex): { fn: FunctionNode; context: BackgroundContext }[] {
  let object: Node | undefined = unwrap(exportDefault.declaration);
  if (isIdentifier(object)) {
    const binding = index.resolve(object);
    object = binding?.kind === 'local' && binding.init ? unwrap(binding.init) : undefined;
  }
  if (object?.type !== 'ObjectExpression') return [];
  const found: { fn: FunctionNode; context: BackgroundContext }[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyKeyName(property.key, property.computed);
    if (key === undefined || !Object.hasOwn(CLOUDFLARE_HANDLERS, key)) continue;
    const fn = referencedFunction(property.value, index);
    if (fn) found.push({ fn, context: { kind: 'cloudflare-handler', label: CLOUDFLARE_HANDLERS[key]! } });
  }
  return found;
}
