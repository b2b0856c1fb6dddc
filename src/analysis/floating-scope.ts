import type { Node } from './ast';
import type { ProgramAnalysis } from './background';
import type { BackgroundContext } from './contexts';
import { isTopLevel } from './fire-and-forget';
import type { FloatingPromiseSite } from './floating';
import { moduleRole } from './module-role';
import { type OwnedBy, ownerOf } from './owned-promises';
import { addReachedFunctions } from './reachability';
import { requestHandlers } from './request-handlers';

/**
 * Why `recommended` leaves a floating promise alone (strict, `everywhere: true`, reports it):
 * - `client`: browser/UI code (see `moduleRole`): the page owns its work;
 * - `top-level`: a statement of the module's top level, not in any function: a script's
 *   `main();`, bootstrap such as `void app.prepare().then(…)` — the process owns that work;
 * - `not-server`: in a function that is neither a background handler, a request handler, nor
 *   reached from one in the module;
 * - `owned:<how>`: the promise already has an owner (see `OwnedBy`).
 */
export type FloatingExclusion = 'client' | 'top-level' | 'not-server' | `owned:${OwnedBy}`;

export interface FloatingScopeOptions {
  /** Report floating promises everywhere (the strict config): no exclusion applies. */
  everywhere?: boolean;
}

const REQUEST_CONTEXT: BackgroundContext = { kind: 'reached', label: 'a request handler' };

/**
 * The one decision of where `no-uncancellable-floating-promise` reports (and `taskgroup
 * migrate` rewrites): in `recommended`, where work outlives its owner on a server — in
 * background handlers (`ProgramAnalysis.backgroundContextOf`), in request handlers (Express,
 * Fastify, Koa, Hono, NestJS controllers, Next.js route handlers, server actions) and what
 * either reaches in the module. Built once per file.
 */
export class FloatingScope {
  private requestReach: Set<Node> | undefined;

  constructor(
    private readonly analysis: ProgramAnalysis,
    private readonly options: FloatingScopeOptions = {},
  ) {}

  /** Why the site is not reported, or `undefined` when it is. */
  exclusionOf(site: FloatingPromiseSite): FloatingExclusion | undefined {
    if (this.options.everywhere) return undefined;
    const index = this.analysis.index;
    if (moduleRole(index) === 'client') return 'client';
    if (isTopLevel(site.call, index)) return 'top-level';
    if (!this.analysis.backgroundContextOf(site.call) && !this.inRequestHandler(site.call)) return 'not-server';
    const owner = ownerOf(site, index);
    return owner ? `owned:${owner}` : undefined;
  }

  reports(site: FloatingPromiseSite): boolean {
    return this.exclusionOf(site) === undefined;
  }

  private inRequestHandler(node: Node): boolean {
    if (!this.requestReach) {
      const index = this.analysis.index;
      const reached = new Map<Node, BackgroundContext>();
      const roots = [...requestHandlers(index)].map((fn): [Node, BackgroundContext] => [fn, REQUEST_CONTEXT]);
      for (const [fn] of roots) reached.set(fn, REQUEST_CONTEXT);
      addReachedFunctions(reached, roots, new Set(), index);
      this.requestReach = new Set(reached.keys());
    }
    for (const ancestor of this.analysis.index.ancestors(node)) if (this.requestReach.has(ancestor)) return true;
    return false;
  }
}

const scopes = new WeakMap<ProgramAnalysis, { everywhere?: FloatingScope; recommended?: FloatingScope }>();

/** The scope of a file's analysis for these options (built once per analysis). */
export function floatingScopeOf(analysis: ProgramAnalysis, options: FloatingScopeOptions = {}): FloatingScope {
  let byMode = scopes.get(analysis);
  if (!byMode) {
    byMode = {};
    scopes.set(analysis, byMode);
  }
  const mode = options.everywhere ? 'everywhere' : 'recommended';
  return (byMode[mode] ??= new FloatingScope(analysis, { everywhere: options.everywhere }));
}
