import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import plugin from '../../src/index';
import { ruleEntries } from '../../src/configs';
import type { TaskGroupRule } from '../../src/rules';

/** A rule stub with only the metadata configs are derived from. */
const stub = (docs: TaskGroupRule['meta']['docs']) => ({ meta: { docs, messages: {}, schema: [], type: 'problem' }, defaultOptions: [], create: () => ({}) }) as unknown as TaskGroupRule;

describe('configs', () => {
  it('derive severities and strict options from each rule’s meta.docs, sorted', () => {
    const rules = {
      'z-rule': stub({ description: 'z', recommended: 'error' }),
      'a-rule': stub({ description: 'a', strict: 'warn', strictOptions: { everywhere: true } }),
      'off-rule': stub({ description: 'off' }),
    };
    expect(ruleEntries(rules, 'recommended')).toEqual({ 'taskgroup/z-rule': 'error' });
    expect(Object.entries(ruleEntries(rules, 'strict'))).toEqual([
      ['taskgroup/a-rule', ['warn', { everywhere: true }]],
      ['taskgroup/z-rule', 'error'],
    ]);
  });

  it('plugin object: meta from package.json, every rule, flat and legacy configs', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
    expect(plugin.configs.recommended.plugins?.taskgroup).toBe(plugin);
    expect(plugin.configs.recommended.rules?.['taskgroup/no-unscoped-promise-combinator']).toBe('error');
    expect(plugin.configs.strict.rules?.['taskgroup/no-unscoped-promise-combinator']).toEqual(['error', { everywhere: true }]);
    expect(plugin.configs['legacy-recommended']).toEqual({ plugins: ['taskgroup'], rules: plugin.configs.recommended.rules });
    expect(plugin.configs['legacy-strict']).toEqual({ plugins: ['taskgroup'], rules: plugin.configs.strict.rules });
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    }
  });

  it('a newcomer’s config reports background code and not request-path code', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
      plugin.configs.recommended as Linter.Config,
    ];
    const lint = (code: string) =>
      linter
        .verify(code, config, 'server.ts')
        .filter((message) => message.ruleId === 'taskgroup/no-unscoped-promise-combinator')
        .map((message) => message.message);
    expect(lint(`import { Worker } from 'bullmq';\nnew Worker('q', async (job) => { await Promise.all(job.data.map(send)); });`)).toEqual([
      '`Promise.all` in a BullMQ worker: if one task fails the others keep running.',
    ]);
    expect(lint(`app.get('/', async (req, res) => { res.json(await Promise.all([a(), b()])); });`)).toEqual([]);
  });
});
