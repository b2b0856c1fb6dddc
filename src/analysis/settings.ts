import type { Combinator } from './combinators';

/** The one import specifier of the runtime, unless `helperModule` says otherwise. */
export const DEFAULT_HELPER_MODULE = 'eslint-plugin-taskgroup/task-group';

/**
 * The options every surface shares: `settings.taskgroup` in an ESLint config (read by every
 * rule; a rule's own options override them), the same names in the CLI's flags and the
 * codemods' options.
 */
export interface TaskGroupSettings {
  /** Module the rewrites import `TaskGroup` and `background` from (a vendored copy, a re-export). */
  helperModule?: string;
  /** Dotted callee names whose function arguments are background handlers, e.g. `jobs.enqueue`. */
  backgroundFunctions?: readonly string[];
  /** Decorator names that make a method a background handler, e.g. `Job` or `queue.Job`. */
  backgroundDecorators?: readonly string[];
  /** Report (and rewrite) combinators in every function, not only in background handlers. */
  everywhere?: boolean;
  /**
   * Module boundaries a chain from a background handler may cross for the code it reaches in
   * other modules to count as background (`0`: each file alone). Default: 4.
   */
  crossModuleDepth?: number;
  /** Which combinators (default: all four). Not a shared setting: a rule option and a CLI flag. */
  combinators?: readonly Combinator[];
}

export const SETTING_NAMES = ['helperModule', 'backgroundFunctions', 'backgroundDecorators', 'everywhere', 'crossModuleDepth'] as const;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
}

/**
 * `settings.taskgroup` of an ESLint config, checked: a value of the wrong type is an error
 * that names the setting (ESLint does not validate settings; a typo must not go unnoticed).
 */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): TaskGroupSettings {
  const raw = settings?.taskgroup;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('settings.taskgroup must be an object');
  const result: TaskGroupSettings = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'helperModule':
        if (typeof value !== 'string' || value === '') throw new TypeError('settings.taskgroup.helperModule must be a non-empty string');
        result.helperModule = value;
        break;
      case 'backgroundFunctions':
      case 'backgroundDecorators':
        if (!isStringList(value)) throw new TypeError(`settings.taskgroup.${key} must be an array of non-empty strings`);
        result[key] = value;
        break;
      case 'everywhere':
        if (typeof value !== 'boolean') throw new TypeError('settings.taskgroup.everywhere must be true or false');
        result.everywhere = value;
        break;
      case 'crossModuleDepth':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError('settings.taskgroup.crossModuleDepth must be a whole number (0 or more)');
        result.crossModuleDepth = value;
        break;
      default:
        throw new TypeError(`settings.taskgroup.${key} is not a setting of eslint-plugin-taskgroup (expected one of ${SETTING_NAMES.join(', ')})`);
    }
  }
  return result;
}

/** `overrides` (a rule's options, the CLI's flags) over `settings`: a value given in `overrides` wins. */
export function withOverrides(settings: TaskGroupSettings, overrides: TaskGroupSettings): TaskGroupSettings {
  const merged: TaskGroupSettings = { ...settings };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return merged;
}
