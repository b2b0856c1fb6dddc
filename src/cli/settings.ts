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

/**
 * `settings.taskgroup` of the project's ESLint config for each file that has one (the same
 * lookup ESLint does: the config that lints the file), so that `taskgroup migrate` rewrites
 * with the settings the rules see. Files no config file covers, or whose settings are empty,
 * are left out. A config that cannot be loaded, or settings of the wrong shape, throw an error
 * that names the config file.
 */
export async function projectSettings(files: readonly string[], cwd = process.cwd()): Promise<Map<string, TaskGroupSettings>> {
  const settings = new Map<string, TaskGroupSettings>();
  const eslintModule = loadESLint();
  if (!eslintModule || files.length === 0) return settings;
  const eslint = new eslintModule.ESLint({ cwd });
  for (const file of files) {
    const configFile = await eslint.findConfigFile(file);
    if (!configFile) continue;
    let config: { settings?: Record<string, unknown> } | undefined;
    try {
      config = (await eslint.calculateConfigForFile(file)) as typeof config;
    } catch (error) {
      throw new Error(`cannot read the ESLint config ${path.relative(cwd, configFile) || configFile}: ${(error as Error).message.split('\n')[0]}`);
    }
    let fileSettings: TaskGroupSettings;
    try {
      fileSettings = readSettings(config?.settings);
    } catch (error) {
      throw new Error(`${path.relative(cwd, configFile) || configFile}: ${(error as Error).message}`);
    }
    if (Object.keys(fileSettings).length > 0) settings.set(file, fileSettings);
  }
  return settings;
}
