import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearProjectIndexes, projectIndexFor } from '../../../src/analysis/project';
import { FileSystemView } from '../../../src/analysis/project/file-system';
import { globToRegExp } from '../../../src/analysis/project/globs';
import { parseJsonc } from '../../../src/analysis/project/jsonc';
import { findProjectRoot } from '../../../src/analysis/project/layout';
import { readTsConfig } from '../../../src/analysis/project/tsconfig';
import { loadTypeScript } from '../../../src/analysis/project/optional-modules';
import { pnpmWorkspacePatterns } from '../../../src/analysis/project/workspaces';
import { relative, writeProject } from './helpers';

const files = (root: string, options = {}) => {
  clearProjectIndexes();
  const index = projectIndexFor(path.join(root, 'package.json'), { cacheDirectory: false, ...options });
  return index.files.map((file) => relative(root, file));
};

describe('configuration readers', () => {
  it('reads JSONC: comments, trailing commas, comment markers and commas inside strings', () => {
    expect(parseJsonc('\uFEFF{\n  // a comment\n  "a": "http://x/*y*/", /* block */\n  "b": [1, 2,],\n  "c": { "d": ",]" , },\n}')).toEqual({ a: 'http://x/*y*/', b: [1, 2], c: { d: ',]' } });
    expect(() => parseJsonc('{ "a": }')).toThrow(SyntaxError);
  });

  it('reads the packages list of pnpm-workspace.yaml (block and flow lists, quotes, comments, other keys)', () => {
    expect(pnpmWorkspacePatterns("packages:\n  - apps/*\n  - 'libraries/*' # shared\n  - \"!**/test/**\"\ncatalog:\n  react: ^19\n")).toEqual(['apps/*', 'libraries/*', '!**/test/**']);
    expect(pnpmWorkspacePatterns('onlyBuiltDependencies: [esbuild]\npackages: [a/*, "b"]\n')).toEqual(['a/*', 'b']);
    expect(pnpmWorkspacePatterns('catalog:\n  x: 1\n')).toEqual([]);
  });

  it('matches tsconfig-style wildcards: `*` within a folder, `**` across folders, `orBelow` for excludes', () => {
    expect(globToRegExp('/p/src/**/*.ts').test('/p/src/a/b/c.ts')).toBe(true);
    expect(globToRegExp('/p/src/**/*.ts').test('/p/src/c.ts')).toBe(true);
    expect(globToRegExp('/p/src/*.ts').test('/p/src/a/c.ts')).toBe(false);
    expect(globToRegExp('/p/file?.ts').test('/p/file1.ts')).toBe(true);
    expect(globToRegExp('/p/build', true).test('/p/build/x/y.ts')).toBe(true);
    expect(globToRegExp('/p/build', true).test('/p/builder/y.ts')).toBe(false);
  });

  it('reads a tsconfig the same way with and without typescript: extends (relative, array, package), include (folders, files) and exclude, paths base, outDir', () => {
    const root = writeProject({
      'package.json': '{}',
      'node_modules/@tsconfig/strictest/tsconfig.json': '{ "compilerOptions": { "strict": true, "outDir": "ignored-here" } }',
      'configs/paths.json': '{ "compilerOptions": { "paths": { "~/*": ["../src/*"] } } }',
      'configs/out.json': '{ "compilerOptions": { "outDir": "../out", "rootDir": "../src" }, "include": ["../src"] }',
      'tsconfig.json': '{ "extends": ["@tsconfig/strictest/tsconfig.json", "./configs/paths.json", "./configs/out"], "compilerOptions": { "allowJs": true }, "include": ["src", "other/x.ts"], "exclude": ["src/legacy"] }',
      'src/a.ts': 'export {};',
      'src/b.js': 'export {};',
      'src/c.d.ts': 'export {};',
      'src/legacy/old.ts': 'export {};',
      'src/nested/deep.tsx': 'export {};',
      'other/x.ts': 'export {};',
    });
    const read = (typescript: ReturnType<typeof loadTypeScript>) => {
      const fs = new FileSystemView();
      const config = readTsConfig(path.join(root, 'tsconfig.json'), fs, typescript)!;
      return { ...config, file: relative(root, config.file), sources: config.sources.map((file) => relative(root, file)), files: config.files.map((file) => relative(root, file)), pathsBase: relative(root, config.pathsBase), outDir: relative(root, config.outDir), rootDir: relative(root, config.rootDir), problems: fs.problems };
    };
    const expected = {
      file: 'tsconfig.json',
      sources: ['tsconfig.json', 'node_modules/@tsconfig/strictest/tsconfig.json', 'configs/paths.json', 'configs/out.json'],
      files: ['other/x.ts', 'src/a.ts', 'src/b.js', 'src/nested/deep.tsx'],
      paths: { '~/*': ['../src/*'] },
      pathsBase: 'configs',
      outDir: 'out',
      rootDir: 'src',
      references: [],
      problems: [],
    };
    expect(read(loadTypeScript())).toEqual(expected);
    expect(read(null)).toEqual(expected);
  });

  it('says why a config cannot be used, and goes on without it', () => {
    for (const typescript of [loadTypeScript(), null]) {
      const root = writeProject({ 'package.json': '{}', 'tsconfig.json': '{ "extends": "./missing.json", "include": [ }', 'src/a.ts': 'export {};' });
      clearProjectIndexes();
      const index = projectIndexFor(path.join(root, 'src/a.ts'), { cacheDirectory: false, typescript });
      expect(index.problems.length).toBeGreaterThan(0);
      expect(index.problems[0]!.file).toBe(path.join(root, 'tsconfig.json'));
      // Without a usable tsconfig, the folder's files.
      expect(index.files.map((file) => relative(root, file))).toEqual(['src/a.ts']);
    }
  });
});

describe('project files without a tsconfig', () => {
  it('honours .gitignore and leaves out node_modules, build output and declaration files', () => {
    const root = writeProject({
      '.gitignore': 'generated/\n*.local.js\n',
      'package.json': '{ "name": "app" }',
      'src/app.js': '',
      'src/app.local.js': '',
      'src/types.d.ts': '',
      'src/view.jsx': '',
      'src/worker.mjs': '',
      'src/legacy.cjs': '',
      'generated/client.js': '',
      'node_modules/dep/index.js': '',
      'dist/app.js': '',
      'build/app.js': '',
      '.next/server.js': '',
      'coverage/lcov.js': '',
      'README.md': '',
    });
    expect(files(root)).toEqual(['src/app.js', 'src/legacy.cjs', 'src/view.jsx', 'src/worker.mjs']);
  });

  it('finds the root of a pnpm workspace from a package, not from a folder the workspace leaves out, nor from a dependency', () => {
    const root = writeProject({
      'package.json': '{ "name": "root" }',
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      'packages/a/package.json': '{ "name": "a" }',
      'packages/a/src/index.ts': '',
      'examples/demo/package.json': '{ "name": "demo" }',
      'examples/demo/index.js': '',
      'node_modules/dep/package.json': '{ "name": "dep" }',
    });
    const fs = new FileSystemView();
    expect(findProjectRoot(path.join(root, 'packages/a/src/index.ts'), fs)).toBe(root);
    expect(findProjectRoot(path.join(root, 'examples/demo/index.js'), fs)).toBe(path.join(root, 'examples/demo'));
    // A dependency is a project of its own: the index never takes node_modules into the user's project.
    expect(findProjectRoot(path.join(root, 'node_modules/dep/lib/x.js'), fs)).toBe(path.join(root, 'node_modules/dep'));
  });

  it('a checkout without a package.json at its top (NodeBB keeps it in install/) is its own project: its ESLint config or .git marks the top', () => {
    const root = writeProject({
      'package.json': '{ "name": "enclosing" }',
      'forum/eslint.config.mjs': 'export default [];\n',
      'forum/install/package.json': '{ "name": "nodebb" }',
      'forum/src/api/groups.js': '',
      'other/.git/HEAD': 'ref: refs/heads/main\n',
      'other/lib/a.js': '',
      'pkg/package.json': '{ "name": "pkg" }',
      'pkg/eslint.config.mjs': 'export default [];\n',
      'pkg/src/a.js': '',
    });
    const fs = new FileSystemView();
    expect(findProjectRoot(path.join(root, 'forum/src/api/groups.js'), fs)).toBe(path.join(root, 'forum'));
    expect(findProjectRoot(path.join(root, 'other/lib/a.js'), fs)).toBe(path.join(root, 'other'));
    // A package.json at the same folder as the marker: the package decides, as before.
    expect(findProjectRoot(path.join(root, 'pkg/src/a.js'), fs)).toBe(path.join(root, 'pkg'));
  });
});
