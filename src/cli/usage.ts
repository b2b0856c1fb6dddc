/** A usage mistake (unknown option, missing path...): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const MAIN_HELP = `Usage: taskgroup <command> [options]

Find and migrate zombie tasks (Promise combinators and floating promises in background work).

Commands:
  check [paths...]     lint with taskgroup/recommended (no configuration needed)
  migrate [paths...]   rewrite reported sites to TaskGroup (jscodeshift codemods)

Options:
  -h, --help           show help (also: taskgroup <command> --help)
  -v, --version        show the version

Exit codes: 0 success, 1 problems found or a file failed, 2 bad usage.`;

export const CHECK_HELP = `Usage: taskgroup check [paths...] [options]

Lints .ts .tsx .mts .cts .js .jsx .mjs .cjs files (default path: .) with the plugin's
recommended config and @typescript-eslint/parser; your own ESLint config is not needed
nor read. Honours .gitignore, skips node_modules.

Options:
  --strict             use taskgroup/strict instead of recommended
  --format <name>      an ESLint formatter (stylish, json, ...; default stylish)
  -h, --help           show this help

Exit codes: 0 nothing reported, 1 something reported or a file failed, 2 bad usage.`;

export const MIGRATE_HELP = `Usage: taskgroup migrate [paths...] [options]

Runs the codemods (promise-combinators, then floating-promises) over .ts .tsx .mts .cts
.js .jsx .mjs .cjs files (default path: .), honouring .gitignore and skipping
node_modules. Files that do not parse are reported and left unchanged. Each site is
rewritten as the rules' quick fix rewrites it; the settings.taskgroup of your ESLint
config apply (helperModule, backgroundFunctions, backgroundDecorators, everywhere), and
the flags below override them.

Options:
  --dry                write nothing; print a unified diff of what would change
  --print              print each changed file's new source
  --only <codemod>     promise-combinators or floating-promises
  --helper <spec>      import specifier of the runtime (helperModule; also
                       --helper-module; default eslint-plugin-taskgroup/task-group)
  --vendor <dir>       copy the runtime into <dir> (task-group.ts in TypeScript projects,
                       task-group.js + task-group.d.ts otherwise) and import it relatively
  --cpus <n>           worker processes (default: cores - 1)
  --everywhere         rewrite combinators in every function, not only background ones
  --combinators <list> comma-separated subset of all,allSettled,race,any
  --background-functions <list>   extra background APIs (dotted callee names)
  --background-decorators <list>  extra background decorators
  --json               print the summary as JSON
  -h, --help           show this help

Exit codes: 0 success, 1 a file failed, 2 bad usage.`;
