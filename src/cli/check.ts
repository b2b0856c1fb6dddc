import path from 'node:path';
import type { ESLint } from 'eslint';
import { isTypeScriptFile } from '../analysis/parse-settings.js';
import { checkLinter, loadTypeScriptParser } from './check-linter.js';
import { findingCount, pluginFindings } from './check-results.js';
import { discoverFiles } from './files.js';
import { CHECK_HELP, EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';
import { parseCommand, plural } from './util.js';
import { VENDORED_REASON } from '../analysis/vendored-banner.js';

function parse(argv: string[]) {
  return parseCommand(argv, {
    strict: { type: 'boolean', default: false },
    format: { type: 'string', default: 'stylish' },
    help: { type: 'boolean', short: 'h', default: false },
  });
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
  const notLinted = parser ? [] : discovery.files.filter(isTypeScriptFile);
  const files = discovery.files.filter((file) => !notLinted.includes(file));
  const { eslint, fallback } = await checkLinter(process.cwd(), values.strict, files, parser);
  if (fallback) err.write(`taskgroup check: ${fallback}\n`);
  let formatter: ESLint.Formatter;
  try {
    formatter = await eslint.loadFormatter(values.format);
  } catch (error) {
    throw new UsageError(`--format: ${(error as Error).message.split('\n')[0]}`);
  }
  const results = pluginFindings(files.length > 0 ? await eslint.lintFiles(files) : []);
  const text = await formatter.format(results, { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) } as ESLint.LintResultData);
  if (text) out.write(text.endsWith('\n') ? text : `${text}\n`);
  const findings = findingCount(results);
  if (findings > 0) {
    const where = positionals.length > 0 ? ` ${positionals.join(' ')}` : '';
    err.write(`taskgroup check: ${plural(findings, 'site')} to migrate: \`taskgroup migrate${where} --dry\` shows the rewrite, \`taskgroup migrate${where}\` makes it.\n`);
  }
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
