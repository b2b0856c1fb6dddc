import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearProjectIndexes, projectIndexFor } from '../../../src/analysis/project';

/**
 * Real monorepos, checked out by hand under .tmp/ (never committed) from snapshots of
 * their public repositories, and skipped where absent (CI):
 *
 *   git --git-dir=<snapshot of gitroomhq/postiz-app> archive HEAD | tar -x -C .tmp/postiz
 *   git --git-dir=<snapshot of dubinc/dub> archive HEAD | tar -x -C .tmp/dub
 *
 * Not installed: tsconfig `extends` of packages from node_modules cannot be read there,
 * which the index reports as a problem and survives. The resolutions below were checked by
 * reading the files.
 */

/** postiz: pnpm workspace, NestJS with DI, tsconfig paths from a base config with baseUrl. */
const ROOT = path.resolve(import.meta.dirname, '../../../.tmp/postiz');

describe.skipIf(!existsSync(path.join(ROOT, 'pnpm-workspace.yaml')))('a real monorepo (postiz)', () => {
  const file = (name: string) => path.join(ROOT, name);
  const lineOf = (target: { file: string; declaration: { range: readonly [number, number] } }) =>
    `${path.relative(ROOT, target.file)}:${readFileSync(target.file, 'utf8').slice(0, target.declaration.range[0]).split('\n').length}`;

  it('indexes every file without a crash, resolves every project-relative specifier that names a source file', { timeout: 600_000 }, () => {
    clearProjectIndexes();
    const index = projectIndexFor(file('apps/backend/src/main.ts'), { cacheDirectory: false });
    expect(index.root).toBe(ROOT);
    expect(index.layout.packages.map((pkg) => path.relative(ROOT, pkg.dir))).toEqual(['', 'apps/backend', 'apps/commands', 'apps/extension', 'apps/frontend', 'apps/orchestrator', 'apps/sdk']);
    const stats = index.build();
    expect(stats.files).toBeGreaterThan(700);
    expect(stats.failed).toBe(0);
    const unresolved: string[] = [];
    for (const source of index.files) {
      for (const request of index.record(source).requests) {
        const local = request.source.startsWith('.') || request.source.startsWith('@gitroom/');
        if (local && !index.resolve(request.source, source) && !/\.(json|s?css|svg|png)$/.test(request.source)) unresolved.push(`${path.relative(ROOT, source)} → ${request.source}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('resolves what was checked by hand: tsconfig paths, `export *` barrels, DI-injected services', () => {
    clearProjectIndexes();
    const index = projectIndexFor(file('apps/orchestrator/src/main.ts'), { cacheDirectory: false });
    expect(path.relative(ROOT, index.resolve('@gitroom/helpers/utils/timer', file('apps/backend/src/public-api/routes/v1/public.integrations.controller.ts'))!)).toBe('libraries/helpers/src/utils/timer.ts');
    // `export class PostActivity { constructor(private _integrationService: IntegrationService) }`, then `this._integrationService.getIntegrationById(...)`.
    const method = index.resolveName(file('apps/orchestrator/src/activities/post.activity.ts'), 'IntegrationService', ['prototype', 'getIntegrationById']);
    expect(method?.kind === 'declaration' && [lineOf(method), method.declaration.kind]).toEqual(['libraries/nestjs-libraries/src/database/prisma/integrations/integration.service.ts:170', 'method']);
    const workflows = file('apps/orchestrator/src/workflows/index.ts');
    const v109 = index.resolveExport(workflows, ['postWorkflowV109']);
    expect(v109?.kind === 'declaration' && lineOf(v109)).toBe('apps/orchestrator/src/workflows/post-workflows/post.workflow.v1.0.9.ts:106');
    const autopost = index.resolveExport(workflows, ['autoPostWorkflow']);
    expect(autopost?.kind === 'declaration' && lineOf(autopost)).toBe('apps/orchestrator/src/workflows/autopost.workflow.ts:14');
  });
});

/** dub: pnpm workspace of 12 packages (4,000+ files), `@dub/utils` with `main` in dist/ and sources in src/, `@/` paths. */
const DUB = path.resolve(import.meta.dirname, '../../../.tmp/dub');

describe.skipIf(!existsSync(path.join(DUB, 'pnpm-workspace.yaml')))('a real monorepo (dub)', () => {
  it('indexes every file, resolves workspace packages to their sources, and every project specifier but an npm package\'s', { timeout: 900_000 }, () => {
    clearProjectIndexes();
    const index = projectIndexFor(path.join(DUB, 'apps/web/lib/api/errors.ts'), { cacheDirectory: false });
    expect(index.root).toBe(DUB);
    expect(index.build()).toMatchObject({ failed: 0 });
    // `"main": "./dist/index.mjs"` (not built here): the source it is built from.
    expect(path.relative(DUB, index.resolve('@dub/utils', path.join(DUB, 'apps/web/lib/api/errors.ts'))!)).toBe('packages/utils/src/index.ts');
    const unresolved = new Set<string>();
    for (const source of index.files) {
      for (const request of index.record(source).requests) {
        const local = request.source.startsWith('.') || request.source.startsWith('@dub/') || request.source.startsWith('@/');
        if (local && !index.resolve(request.source, source) && !/\.(json|s?css|svg|png|mdx?)$/.test(request.source)) unresolved.add(request.source);
      }
    }
    // An npm package (dub's analytics SDK), not a workspace package.
    expect([...unresolved]).toEqual(['@dub/analytics/react']);
  });
});
