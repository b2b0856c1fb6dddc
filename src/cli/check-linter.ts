import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { isTypeScriptFile } from '../analysis/parse-settings.js';
import type { TaskGroupPlugin } from '../plugin';
import { distDir } from './util.js';

/** The plugin as built (dist/index.cjs): the same object a user's config would load. */
function loadPlugin(): TaskGroupPlugin {
  const loaded = require(path.join(distDir(), 'index.cjs')) as TaskGroupPlugin | { default: TaskGroupPlugin };
  return 'default' in loaded ? loaded.default : loaded;
}

/**
 * @typescript-eslint/parser, or `undefined` when TypeScript is not installed (the parser
 * requires it as it loads): a JavaScript-only project need not have it.
 */
export function loadTypeScriptParser(): Linter.Parser | undefined {
  try {
    return require('@typescript-eslint/parser') as Linter.Parser;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'typescript'/.test((error as Error).message)) return undefined;
    throw error;
  }
}

const SOURCE_FILES = '**/*.{ts,tsx,mts,js,jsx,mjs}';
const COMMONJS_FILES = '**/*.{cts,cjs}';
const TYPESCRIPT_FILES = '**/*.{ts,tsx,mts,cts}';

function languageOptions(parser: Linter.Parser | undefined, sourceType: 'module' | 'commonjs'): Linter.Config['languageOptions'] {
  return { ...(parser ? { parser } : { ecmaVersion: 'latest' }), sourceType, parserOptions: { ecmaFeatures: { jsx: true } } };
}

/**
 * The flat config `check` lints with when the project has no ESLint config (or one that cannot
 * be loaded): the plugin's config, and @typescript-eslint/parser for every extension;
 * `parser: undefined` (no TypeScript) leaves JavaScript to ESLint's own parser.
 */
export function checkConfig(strict: boolean, parser: Linter.Parser | undefined = loadTypeScriptParser()): Linter.Config[] {
  const config = loadPlugin().configs[strict ? 'strict' : 'recommended'] as Linter.Config;
  return [
    { ...config, files: [SOURCE_FILES], languageOptions: languageOptions(parser, 'module') },
    { ...config, files: [COMMONJS_FILES], languageOptions: languageOptions(parser, 'commonjs') },
  ];
}

/** Only this plugin's rules run: the project's other rules are its own lint's business. */
const onlyThisPlugin = ({ ruleId }: { ruleId: string }) => ruleId.startsWith('taskgroup/');

/** How `check` lints: ESLint, and the project config it uses (none: the plugin's own). */
export interface CheckLinter {
  eslint: ESLint;
  /** The project's ESLint config file in use, relative to cwd. */
  configFile?: string;
  /** Why the project's config is not used, when it exists but cannot be. */
  fallback?: string;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * Is `parser` one that reads TypeScript? The project's config may give `.ts` files none (a
 * JavaScript project, or a config that only covers `.js`): ESLint would then fail on them.
 */
function parsesTypeScript(parser: unknown): boolean {
  if (!parser || typeof parser !== 'object') return false;
  const name = (parser as { meta?: { name?: string } }).meta?.name;
  return name !== 'espree';
}

/**
 * The project's own config with the plugin's rules on top: its parser, its `settings.taskgroup`,
 * its ignores apply, as in its own lint. The plugin comes from the config when the config
 * already loads it (a second copy under the same name is an error in flat config).
 */
async function projectLinter(cwd: string, strict: boolean, files: readonly string[], parser: Linter.Parser | undefined): Promise<ESLint> {
  const plugin = loadPlugin();
  const rules = (plugin.configs[strict ? 'strict' : 'recommended'] as Linter.Config).rules;
  const make = async (withPlugin: boolean, typescript: boolean): Promise<ESLint> => {
    const overrideConfig: Linter.Config[] = [{ ...(withPlugin ? { plugins: { taskgroup: plugin as never } } : {}), rules }];
    if (typescript && parser) overrideConfig.unshift({ files: [TYPESCRIPT_FILES], languageOptions: languageOptions(parser, 'module') });
    const eslint = new ESLint({ cwd, overrideConfig, ruleFilter: onlyThisPlugin, errorOnUnmatchedPattern: false, warnIgnored: false });
    // The config loads on first use: load it now, so that a broken one is found here.
    const typescriptFile = files.find(isTypeScriptFile);
    const config = (await eslint.calculateConfigForFile(typescriptFile ?? files[0] ?? path.join(cwd, 'index.js'))) as Linter.Config | undefined;
    // No config for `.ts` files, or one with ESLint's own parser: they get ours, as without a config.
    if (typescriptFile && !typescript && !parsesTypeScript(config?.languageOptions?.parser)) return make(withPlugin, true);
    return eslint;
  };
  try {
    return await make(true, false);
  } catch (error) {
    if (!/Cannot redefine plugin "taskgroup"/.test(firstLine(error))) throw error;
    return make(false, false);
  }
}

/**
 * ESLint as `check` runs it: with the project's flat config when it has one that loads,
 * else with the plugin's own config. Either way only this plugin's rules run.
 */
export async function checkLinter(cwd: string, strict: boolean, files: readonly string[], parser: Linter.Parser | undefined): Promise<CheckLinter> {
  let configFile: string | undefined;
  try {
    configFile = await new ESLint({ cwd }).findConfigFile(files[0]);
  } catch {
    configFile = undefined;
  }
  const zeroConfig = () => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: checkConfig(strict, parser), errorOnUnmatchedPattern: false, warnIgnored: false });
  if (!configFile) return { eslint: zeroConfig() };
  const name = path.relative(cwd, configFile) || configFile;
  try {
    return { eslint: await projectLinter(cwd, strict, files, parser), configFile: name };
  } catch (error) {
    return { eslint: zeroConfig(), fallback: `your ESLint config ${name} could not be loaded (${firstLine(error)}); checked with the plugin's own config instead` };
  }
}
