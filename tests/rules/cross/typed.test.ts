import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CROSS_FIXTURES, lintFixture } from './helpers';

describe('cross-module with type information', () => {
  it('follows a call through an interface to the classes that implement it; without types the chain stops there', { timeout: 120_000 }, async () => {
    const typed = { project: './tsconfig.json', tsconfigRootDir: path.join(CROSS_FIXTURES, 'typed') };
    expect(await lintFixture('typed', {}, typed)).toEqual([
      'src/smtp-notifier.ts:5:11 no-unscoped-promise-combinator: `Promise.all` reached from the BullMQ worker at src/worker.ts:11 through `run` → `SmtpNotifier.notify`: if one task fails the others keep running.',
    ]);
    expect(await lintFixture('typed')).toEqual([]);
  });
});
