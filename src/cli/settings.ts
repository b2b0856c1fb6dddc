import path from 'node:path';
import { readSettings, type TaskGroupSettings } from '../analysis/settings.js';

/** The ESLint API, loaded only when `migrate` looks for a project config (it is a peer dependency). */
type ESLintModule = typeof import('eslint');

function loadESLint(): ESLintModule | undefined {
  try {
    return require('eslint') as ESLintModule;
  } catch {
    return undefined;
  }
}

/** Each file's `settings.taskgroup`, and the files whose settings could not be read (with why). */
export interface ProjectSettings {
  settings: Map<string, TaskGroupSettings>;
  failed: { file: string; error: string }[];
  /** Config files that could not be loaded (a missing shared config, a syntax error), with why: their files get the defaults, as `taskgroup check` lints them with the plugin's own config. */
  unloadable: { config: string; error: string }[];
}

/**
 * `settings.taskgroup` of the project's ESLint config for each file that has one (the same
 * lookup ESLint does: the config that lints the file), so that `taskgroup migrate` rewrites
 * with the settings the rules see. Files no config file covers, or whose settings are empty,
 * are left out. A file whose settings have the wrong shape is failed with an error that names
 * the config file. A config that cannot be loaded at all (its shared configs are not installed,
 * say) is named once in `unloadable` and its files get the defaults: `taskgroup check` checks
 * them with the plugin's own config then, and `migrate` rewrites what `check` reports.
 */
export async function projectSettings(files: readonly string[], cwd = process.cwd()): Promise<ProjectSettings> {
  const result: ProjectSettings = { settings: new Map(), failed: [], unloadable: [] };
  const eslintModule = loadESLint();
  if (!eslintModule || files.length === 0) return result;
  const eslint = new eslintModule.ESLint({ cwd });
  for (const file of files) {
    const configFile = await eslint.findConfigFile(file);
    if (!configFile) continue;
    const name = path.relative(cwd, configFile) || configFile;
    if (result.unloadable.some((entry) => entry.config === name)) continue;
    try {
      let config: { settings?: Record<string, unknown> } | undefined;
      try {
        config = (await eslint.calculateConfigForFile(file)) as typeof config;
      } catch (error) {
        result.unloadable.push({ config: name, error: (error as Error).message.split('\n')[0] ?? '' });
        continue;
      }
      try {
        const fileSettings = readSettings(config?.settings);
        if (Object.keys(fileSettings).length > 0) result.settings.set(file, fileSettings);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    } catch (error) {
      result.failed.push({ file, error: (error as Error).message });
    }
  }
  return result;
}
