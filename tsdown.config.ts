import { defineConfig } from 'tsdown';
import { writeRuntimeSource } from './src/cli/runtime-source';

// Two builds:
// - the plugin and the runtime, for `import` and `require` (.mjs/.cjs, with .d.mts/.d.cts);
// - the codemods and the CLI as CommonJS `.js`, because jscodeshift's workers load
//   transforms with `require` (dist/codemods/<name>.js).
// Plugin timings say where a build spends its time; on a loaded machine they are noise.
const checks = { pluginTimings: false };

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'task-group': 'src/runtime/index.ts', node: 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    outDir: 'dist',
    clean: true,
    fixedExtension: true,
    checks,
    // Rolldown's interop helpers in a chunk of their own: left in the plugin's entry, its
    // CommonJS build would export them beside the plugin (the entries share them), and
    // `require('eslint-plugin-taskgroup')` would no longer be the plugin.
    outputOptions: { codeSplitting: { groups: [{ name: 'interop', test: /rolldown[\\/]runtime/ }] } },
    // dist/task-group.ts: the runtime as one TypeScript file, for `taskgroup migrate --vendor`.
    onSuccess: () => writeRuntimeSource('src/runtime', 'dist/task-group.ts'),
  },
  {
    entry: {
      'codemods/promise-combinators': 'src/codemods/promise-combinators.ts',
      'codemods/floating-promises': 'src/codemods/floating-promises.ts',
      'codemods/migrate': 'src/codemods/migrate.ts',
      cli: 'src/cli/index.ts',
    },
    format: ['cjs'],
    dts: false,
    platform: 'node',
    target: 'node20',
    outDir: 'dist',
    clean: false,
    fixedExtension: false,
    checks,
  },
]);
