/** A usage mistake (unknown option, missing path...): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Success: nothing reported, or the migration ran with no failure. */
export const EXIT_OK = 0;
/** `check` reported something (or a file does not parse); `migrate` left a file unchanged because it failed. */
export const EXIT_FAILED = 1;
/** The command could not run: bad usage, missing TypeScript for `.ts` files, an internal error. Never a finding. */
export const EXIT_CANNOT_RUN = 2;
/** `migrate --dry`: files would change (a migration is pending). For CI: "run taskgroup migrate". */
export const EXIT_PENDING = 3;

export const MAIN_HELP = `Usage: taskgroup <command> [options]

Find and migrate zombie tasks (Promise combinators and floating promises in background work).

Commands:
  check [paths...]     lint with taskgroup/recommended (your ESLint config if any)
  migrate [paths...]   rewrite reported sites to TaskGroup (jscodeshift codemods)

Options:
  -h, --help           show help (also: taskgroup <command> --help)
  -v, --version        show the version

Exit codes: 0 success, 1 problems found (check) or a file failed (migrate),
2 could not run (bad usage, TypeScript missing for .ts files, internal error),
3 migrate --dry: files would change (a migration is pending).`;

export const CHECK_HELP = `Usage: taskgroup check [paths...] [options]

Lints .ts .tsx .mts .cts .js .jsx .mjs .cjs files (default path: .) with the plugin's
recommended rules and prints only their findings. When the project has an ESLint flat
config, it is used (its parser, ignores and settings.taskgroup apply; its other rules do
not run); when it has none, or one that cannot be loaded (said on stderr), files are parsed
with @typescript-eslint/parser, or with ESLint's own parser for JavaScript when TypeScript
is not installed (then .ts files cannot be linted: install typescript). Honours .gitignore,
skips node_modules. The sites found are rewritten by \`taskgroup migrate\`.

Options:
  --strict             use taskgroup/strict instead of recommended
  --format <name>      an ESLint formatter (stylish, json, ...; default stylish)
  -h, --help           show this help

Exit codes: 0 nothing reported, 1 something reported or a file does not parse,
2 could not run (bad usage, unreadable files, TypeScript missing for .ts files).`;

export const MIGRATE_HELP = `Usage: taskgroup migrate [paths...] [options]

Runs the codemods (promise-combinators, then floating-promises) over .ts .tsx .mts .cts
.js .jsx .mjs .cjs files (default path: .), honouring .gitignore and skipping
node_modules. Files that do not parse are reported and left unchanged. Each site is
rewritten as the rules' quick fix rewrites it; the settings.taskgroup of your ESLint
config apply (helperModule, backgroundFunctions, backgroundDecorators, everywhere,
crossModuleDepth), and
the flags below override them.

Where the rewritten files import the TaskGroup runtime from, unless --helper, --vendor or
settings.taskgroup.helperModule says: the package (eslint-plugin-taskgroup/task-group) when package.json lists it in
"dependencies"; otherwise (a devDependency, which production installs omit) a copy of the
runtime written beside the migrated files (task-group.ts, or task-group.js in JavaScript
projects). The summary says which.

Options:
  --dry                write nothing; print a unified diff of what would change
                       (exit code 3 when something would change)
  --print              print each changed file's new source
  --only <codemod>     promise-combinators or floating-promises
  --helper <spec>      import specifier of the runtime (helperModule; also
                       --helper-module; default eslint-plugin-taskgroup/task-group)
  --vendor <dir>       copy the runtime into <dir> (task-group.ts in TypeScript projects,
                       task-group.js + task-group.d.ts otherwise) and import it relatively
  --cpus <n>           worker processes (default: cores - 1)
  --everywhere         rewrite in every function, not only background and server code
  --combinators <list> comma-separated subset of all,allSettled,race,any
  --background-functions <list>   extra background APIs (dotted callee names)
  --background-decorators <list>  extra background decorators
  --cross-module-depth <n>        module boundaries a chain from a background handler
                       may cross (crossModuleDepth; default 4, 0: each file alone)
  --json               print the summary as JSON
  -h, --help           show this help

Exit codes: 0 success (or nothing to do), 1 a file failed (left unchanged),
2 could not run (bad usage, internal error), 3 --dry and files would change
(a migration is pending; 1 wins when a file also failed).`;
