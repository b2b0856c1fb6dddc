// ESLint with this plugin's recommended rules (the built dist/), no type information, on a
// project folder: what bench:index and bench:lint --repo time.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** An ESLint instance for `cwd` with the recommended rules and `settings.taskgroup` = `taskgroup`. */
export async function recommendedEslint(cwd, taskgroup) {
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const plugin = (await import(pathToFileURL(path.join(root, 'dist/index.mjs')).href)).default;
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parser: tsParser }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
      plugin.configs.recommended,
      { settings: { taskgroup } },
    ],
  });
}
