import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

/**
 * The optional parts of the toolchain, loaded on first use: `typescript` is an optional peer
 * (typescript-estree needs it), and espree comes with ESLint. Nothing here is imported at the
 * top of a module, so the index loads where neither is installed.
 */
const requireHere = createRequire(import.meta.url);

export type TypeScriptModule = typeof TypeScript;

/** What espree's `parse` needs from us (espree is untyped here: it comes with ESLint). */
export interface Espree {
  parse(code: string, options: Record<string, unknown>): unknown;
}

let typescript: TypeScriptModule | null | undefined;
let espree: Espree | null | undefined;

/** The installed `typescript`, or `null` when it is not installed. */
export function loadTypeScript(): TypeScriptModule | null {
  if (typescript === undefined) {
    try {
      typescript = requireHere('typescript') as TypeScriptModule;
    } catch {
      typescript = null;
    }
  }
  return typescript;
}

/** espree: ours when it can be resolved from here, else ESLint's own (it is a dependency of ESLint). */
export function loadEspree(): Espree | null {
  if (espree === undefined) {
    espree = null;
    for (const load of [() => requireHere('espree'), () => createRequire(requireHere.resolve('eslint'))('espree')]) {
      try {
        espree = load() as Espree;
        break;
      } catch {
        // try the next place
      }
    }
  }
  return espree;
}

/** The `require` of this package, for modules loaded lazily (typescript-estree needs `typescript`). */
export { requireHere };
