import { describe, expect, it } from 'vitest';
import { lintFixture } from './helpers';

describe('cross-module: ESM', () => {
  it('reports what a BullMQ worker reaches in other modules, at the site, with the chain; request-path callers do not count', { timeout: 60_000 }, async () => {
    expect(await lintFixture('esm')).toEqual([
      'src/mail/deliver.ts:2:25 no-unscoped-promise-combinator: `Promise.allSettled` reached from the BullMQ worker at src/workers/mail.worker.ts:4 through `sendDigest` → `deliver`: it never cancels anything and has no deadline.',
      'src/mail/digest.ts:4:9 no-unscoped-promise-combinator: `Promise.all` reached from the BullMQ worker at src/workers/mail.worker.ts:4 through `sendDigest`: if one task fails the others keep running.',
    ]);
  });

  it('crossModuleDepth bounds the module boundaries a chain crosses; 0 sees each file alone', { timeout: 60_000 }, async () => {
    expect(await lintFixture('esm', { crossModuleDepth: 1 })).toEqual([
      'src/mail/digest.ts:4:9 no-unscoped-promise-combinator: `Promise.all` reached from the BullMQ worker at src/workers/mail.worker.ts:4 through `sendDigest`: if one task fails the others keep running.',
    ]);
    expect(await lintFixture('esm', { crossModuleDepth: 0 })).toEqual([]);
  });
});

describe('cross-module: options', () => {
  it('the rule option overrides the setting', { timeout: 60_000 }, async () => {
    expect(await lintFixture('esm', { crossModuleDepth: 0 }, {}, { 'taskgroup/no-unscoped-promise-combinator': ['error', { crossModuleDepth: 1 }] })).toHaveLength(1);
  });
});
