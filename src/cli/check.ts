import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import type { TaskGroupPlugin } from '../plugin';
import { discoverFiles } from './files.js';
import { CHECK_HELP, EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';
import { distDir, parseCommand } from './util.js';

function parse(argv: string[]) {
  return parseCommand(argv, {
    strict: { type: 'boolean', default: false },
    format: { type: 'string', default: 'stylish' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

/** The plugin as built (dist/index.cjs): the same object a user's config would load. */
function loadPlugin(): TaskGroupPlugin {
  const loaded = require(path.join(distDir(), 'index.cjs')) as TaskGroupPlugin | { default: TaskGroupPlugin };
  return 'default' in loaded ? loaded.default : loaded;
}

/** The flat config `check` lints with: the plugin's config, @typescript-eslint/parser for every extension, no user config. */
export function checkConfig(strict: boolean): Linter.Config[] {
  const config = loadPlugin().configs[strict ? 'strict' : 'recommended'] as Linter.Config;
  const languageOptions = (sourceType: 'module' | 'commonjs'): Linter.Config['languageOptions'] => ({
    parser: tsParser as unknown as Linter.Parser,
    sourceType,
    parserOptions: { ecmaFeatures: { jsx: true } },
  });
  return [
    { ...config, files: ['**/*.{ts,tsx,mts,js,jsx,mjs}'], languageOptions: languageOptions('module') },
    { ...config, files: ['**/*.{cts,cjs}'], languageOptions: languageOptions('commonjs') },
  ];
}

/** `taskgroup check [paths...]`: returns the exit code. */
export async function check(argv: string[], out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    out.write(`${CHECK_HELP}\n`);
    return EXIT_OK;
  }
  const discovery = discoverFiles(positionals);
  for (const entry of discovery.skipped) err.write(`taskgroup check: skipped ${entry.file}: ${entry.reason}\n`);
  for (const entry of discovery.failed) err.write(`taskgroup check: ${entry.file}: ${entry.error}\n`);
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: checkConfig(values.strict),
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  let formatter: ESLint.Formatter;
  try {
    formatter = await eslint.loadFormatter(values.format);
  } catch (error) {
    throw new UsageError(`--format: ${(error as Error).message.split('\n')[0]}`);
  }
  const results = discovery.files.length > 0 ? await eslint.lintFiles(discovery.files) : [];
  const text = await formatter.format(results, { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
  if (text) out.write(text.endsWith('\n') ? text : `${text}\n`);
  const reported = results.some((result) => result.messages.length > 0);
  return reported || discovery.failed.length > 0 ? EXIT_FAILED : EXIT_OK;
}
