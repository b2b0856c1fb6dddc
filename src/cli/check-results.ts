import type { ESLint, Linter } from 'eslint';

/**
 * Is this message one of the plugin's findings, or a file that does not parse? Everything
 * else a project config brings (other plugins' "rule not found" and unused-directive
 * reports, since their rules do not run here) is not `check`'s to say.
 */
function isOurs(message: Linter.LintMessage): boolean {
  return message.ruleId?.startsWith('taskgroup/') === true || (message.fatal === true && message.ruleId === null);
}

/**
 * The results with only the plugin's findings, counted again. Nothing is counted fixable: the
 * rules offer editor suggestions, and the CLI's rewrite is `taskgroup migrate`, not `--fix`
 * (formatters would otherwise advertise a flag `check` does not have).
 */
export function pluginFindings(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter(isOurs);
    const count = (severity: number, fatal = false) => messages.filter((message) => message.severity === severity && (!fatal || message.fatal)).length;
    return {
      ...result,
      messages,
      suppressedMessages: result.suppressedMessages.filter(isOurs),
      errorCount: count(2),
      fatalErrorCount: count(2, true),
      warningCount: count(1),
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    };
  });
}

/** How many findings of the plugin (parse errors aside) the results hold. */
export function findingCount(results: readonly ESLint.LintResult[]): number {
  return results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId !== null).length, 0);
}
