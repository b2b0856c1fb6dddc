import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import type { TaskGroupPlugin } from '../plugin';
import { discoverFiles } from './files.js';
import { CHECK_HELP, EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';
import { distDir, parseCommand, plural } from './util.js';
import { VENDORED_REASON } from '../analysis/vendored-banner.js';

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

const TYPESCRIPT_FILE = /\.[mc]?tsx?$/i;

/**
 * @typescript-eslint/parser, or `undefined` when TypeScript is not installed (the parser
 * requires it as it loads): a JavaScript-only project need not have it.
 */
function loadTypeScriptParser(): Linter.Parser | undefined {
  try {
    return require('@typescript-eslint/parser') as Linter.Parser;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'typescript'/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/**
 * The flat config `check` lints with: the plugin's config, no user config, and
 * @typescript-eslint/parser for every extension; `parser: undefined` (no TypeScript) leaves
 * JavaScript to ESLint's own parser.
 */
export function checkConfig(strict: boolean, parser: Linter.Parser | undefined = loadTypeScriptParser()): Linter.Config[] {
  const config = loadPlugin().configs[strict ? 'strict' : 'recommended'] as Linter.Config;
  const languageOptions = (sourceType: 'module' | 'commonjs'): Linter.Config['languageOptions'] => ({
    ...(parser ? { parser } : { ecmaVersion: 'latest' }),
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
  // A vendored runtime is passed over silently: it is the project's copy of ours, not its code.
  for (const entry of discovery.skipped) if (entry.reason !== VENDORED_REASON) err.write(`taskgroup check: skipped ${entry.file}: ${entry.reason}\n`);
  for (const entry of discovery.failed) err.write(`taskgroup check: ${entry.file}: ${entry.error}\n`);
  const parser = loadTypeScriptParser();
  // Without TypeScript, JavaScript is linted and TypeScript files cannot be: said, not crashed on.
  const notLinted = parser ? [] : discovery.files.filter((file) => TYPESCRIPT_FILE.test(file));
  const files = discovery.files.filter((file) => !notLinted.includes(file));
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: checkConfig(values.strict, parser),
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  let formatter: ESLint.Formatter;
  try {
    formatter = await eslint.loadFormatter(values.format);
  } catch (error) {
    throw new UsageError(`--format: ${(error as Error).message.split('\n')[0]}`);
  }
  const results = files.length > 0 ? await eslint.lintFiles(files) : [];
  const text = await formatter.format(results, { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
  if (text) out.write(text.endsWith('\n') ? text : `${text}\n`);
  if (notLinted.length > 0) {
    const shown = notLinted.slice(0, 3).map((file) => path.relative(process.cwd(), file) || file);
    err.write(
      `taskgroup check: ${plural(notLinted.length, 'TypeScript file')} not linted (${shown.join(', ')}${notLinted.length > 3 ? ', ...' : ''}): ` +
        `TypeScript is not installed. Install it (npm install --save-dev typescript), or check only JavaScript paths.\n`,
    );
  }
  // "Could not run" (on some files) is never the exit code of "problems found".
  if (notLinted.length > 0 || discovery.failed.length > 0) return EXIT_CANNOT_RUN;
  return results.some((result) => result.messages.length > 0) ? EXIT_FAILED : EXIT_OK;
}
