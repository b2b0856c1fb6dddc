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
}

/**
 * `settings.taskgroup` of the project's ESLint config for each file that has one (the same
 * lookup ESLint does: the config that lints the file), so that `taskgroup migrate` rewrites
 * with the settings the rules see. Files no config file covers, or whose settings are empty,
 * are left out. A file whose config cannot be loaded, or whose settings have the wrong shape,
 * is failed with an error that names the config file: rewriting it without its settings would
 * not be the rules' change.
 */
export async function projectSettings(files: readonly string[], cwd = process.cwd()): Promise<ProjectSettings> {
  const result: ProjectSettings = { settings: new Map(), failed: [] };
  const eslintModule = loadESLint();
  if (!eslintModule || files.length === 0) return result;
  const eslint = new eslintModule.ESLint({ cwd });
  for (const file of files) {
    const configFile = await eslint.findConfigFile(file);
    if (!configFile) continue;
    const name = path.relative(cwd, configFile) || configFile;
    try {
      let config: { settings?: Record<string, unknown> } | undefined;
      try {
        config = (await eslint.calculateConfigForFile(file)) as typeof config;
      } catch (error) {
        throw new Error(`cannot read the ESLint config ${name}: ${(error as Error).message.split('\n')[0]}`);
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
