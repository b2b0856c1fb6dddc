import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectIndexFor } from '../../../src/analysis/project';
import { fixture, fixtureIndex, relative } from './helpers';

/** Resolves each specifier from `from` and gives the results relative to the project root. */
function resolveAll(name: string, from: string, specifiers: string[], options = {}) {
  const index = fixtureIndex(name, options);
  return Object.fromEntries(specifiers.map((specifier) => [specifier, relative(index.root, index.resolve(specifier, fixture(name, from)))]));
}

describe.each([
  ['with typescript', {}],
  ['without typescript', { typescript: null }],
])('module resolution (%s)', (_, options) => {
  it('resolves relative paths: extension probing, `.js` → `.ts`, folder `index` files; npm packages and built-ins resolve to nothing', () => {
    expect(resolveAll('esm', 'src/worker.ts', ['./index.js', './mail/send', '.', './jobs', './jobs/sweep.js', './missing', 'node:fs/promises', 'lodash'], options)).toEqual({
      './index.js': 'src/index.ts',
      './mail/send': 'src/mail/send.ts',
      '.': 'src/index.ts',
      './jobs': 'src/jobs/index.ts',
      './jobs/sweep.js': 'src/jobs/sweep.ts',
      './missing': undefined,
      'node:fs/promises': undefined,
      lodash: undefined,
    });
  });

  it('resolves CommonJS requires: folders, `.cjs` files by full name, files without extension', () => {
    expect(resolveAll('commonjs', 'lib/index.js', ['./tasks', './mailer', './notify.cjs', './helpers', '../lib/tasks/stop'], options)).toEqual({
      './tasks': 'lib/tasks/index.js',
      './mailer': 'lib/mailer.js',
      './notify.cjs': 'lib/notify.cjs',
      './helpers': 'lib/helpers.js',
      '../lib/tasks/stop': 'lib/tasks/stop.js',
    });
  });

  it('resolves tsconfig `paths` set in an extended config, relative to that config, the longest pattern first, each target in turn', () => {
    expect(resolveAll('paths', 'src/main.ts', ['@app/services/mail', '@app/services/fax', '@shared', '@app/nowhere', '@app/main'], options)).toEqual({
      '@app/services/mail': 'src/services/mail.ts',
      '@app/services/fax': 'src/services/legacy/fax.ts',
      '@shared': 'shared/index.ts',
      '@app/nowhere': undefined,
      '@app/main': 'src/main.ts',
    });
  });

  it('resolves `baseUrl` specifiers (Nest style `src/...`)', () => {
    expect(resolveAll('nest', 'src/workers/mail.worker.ts', ['src/mail', 'src/mail/mail.gateway', '@nestjs/bullmq'], options)).toEqual({
      'src/mail': 'src/mail/index.ts',
      'src/mail/mail.gateway': 'src/mail/mail.gateway.ts',
      '@nestjs/bullmq': undefined,
    });
  });

  it('resolves workspace packages to their sources: `exports` with conditions and `*` subpaths, `main` into dist mapped back to src, `#imports`', () => {
    expect(resolveAll('monorepo', 'packages/jobs/src/worker.ts', ['@acme/mail', '@acme/mail/templates/welcome', '@acme/jobs', '@acme/ignored', 'react', '@acme/mail/package.json'], options)).toEqual({
      '@acme/mail': 'packages/mail/src/index.ts',
      '@acme/mail/templates/welcome': 'packages/mail/src/templates/welcome.ts',
      '@acme/jobs': 'packages/jobs/src/index.ts',
      // Left out of the workspace by `!packages/ignored`: an npm package like any other.
      '@acme/ignored': undefined,
      react: undefined,
      '@acme/mail/package.json': undefined,
    });
    expect(resolveAll('monorepo', 'packages/mail/src/index.ts', ['#util', '#nothing'], options)).toEqual({ '#util': 'packages/mail/src/util.ts', '#nothing': undefined });
    expect(resolveAll('monorepo', 'tools/release.js', ['@acme/mail'], options)).toEqual({ '@acme/mail': 'packages/mail/src/index.ts' });
  });
});

describe('project discovery', () => {
  it('finds the workspace root from a file deep in a package, and lists the workspace packages (negations honoured)', () => {
    const index = fixtureIndex('monorepo');
    const fromPackage = projectIndexFor(fixture('monorepo/packages/jobs/src/worker.ts'), { cacheDirectory: false });
    expect(fromPackage).toBe(index);
    expect(index.root).toBe(fixture('monorepo'));
    expect(index.layout.packages.map((pkg) => [pkg.name, relative(index.root, pkg.dir)])).toEqual([
      ['acme', ''],
      ['@acme/jobs', 'packages/jobs'],
      ['@acme/mail', 'packages/mail'],
    ]);
  });

  it('takes a tsconfig project\'s files from its config (include, exclude), with and without typescript', () => {
    for (const options of [{}, { typescript: null }]) {
      const index = fixtureIndex('paths', options);
      expect(index.files.map((file) => relative(index.root, file))).toEqual(['shared/index.ts', 'src/main.ts', 'src/services/legacy/fax.ts', 'src/services/mail.ts']);
      expect(index.problems).toEqual([]);
    }
  });

  it('takes each workspace package\'s files from its tsconfig, or from its folder, and the root\'s own files', () => {
    const index = fixtureIndex('monorepo');
    expect(index.files.map((file) => relative(index.root, file))).toEqual([
      // Not a workspace package, but a folder of the root like any other.
      'packages/ignored/src/index.ts',
      'packages/jobs/src/index.ts',
      'packages/jobs/src/worker.ts',
      'packages/mail/src/index.ts',
      'packages/mail/src/templates/welcome.ts',
      'packages/mail/src/util.ts',
      'tools/release.js',
    ]);
  });

  it('resolves the same from any file of the project: one index per root', () => {
    const index = fixtureIndex('monorepo');
    expect(index.resolve('@acme/mail', path.join(index.root, 'packages/jobs/src/index.ts'))).toBe(fixture('monorepo/packages/mail/src/index.ts'));
  });
});
