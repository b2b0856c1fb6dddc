import type { TSESLint } from '@typescript-eslint/utils';
import { name, version } from '../package.json';
import { type Configs, createConfigs } from './configs';
import type { TaskGroupPlugin } from './plugin';
import { rules } from './rules';

// Only a default export: the CommonJS build is then `module.exports = plugin` with an
// `export =` declaration, what `require('eslint-plugin-taskgroup')` and eslintrc expect.

const plugin: TaskGroupPlugin = {
  meta: { name, version },
  rules,
  configs: {} as Configs,
};
plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export default plugin;
