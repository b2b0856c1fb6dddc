#!/usr/bin/env node
import { EXIT_CANNOT_RUN, EXIT_OK, MAIN_HELP, UsageError } from './usage.js';
import { packageVersion } from './util.js';

/** Runs the `taskgroup` command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${MAIN_HELP}\n`);
        return command === undefined ? EXIT_CANNOT_RUN : EXIT_OK;
      case '-v':
      case '--version':
        process.stdout.write(`${packageVersion()}\n`);
        return EXIT_OK;
      case 'check':
        // Loaded on use: ESLint and jscodeshift are slow to load, `--help` should not wait for them.
        return await (await import('./check.js')).check(rest);
      case 'migrate':
        return await (await import('./migrate.js')).migrate(rest);
      default:
        throw new UsageError(command.startsWith('-') ? `Unknown option '${command}'` : `Unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`taskgroup: ${error.message}\nRun 'taskgroup --help' for usage.\n`);
      return EXIT_CANNOT_RUN;
    }
    // Could not run: never the exit code of "problems found" (1), which CI reads as findings.
    process.stderr.write(`taskgroup: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CANNOT_RUN;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
