// Expected findings come from markers in the fixture sources:
//   `// expect: taskgroup/<rule>`             under every config
//   `// expect(strict): taskgroup/<rule>`     under the strict config only
//   `// expect(typed): taskgroup/<rule>`      only with type information
//   `// expect(strict,typed): ...`            when all the conditions hold
// and findings are compared as sorted `file:line rule` strings.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type Condition = 'strict' | 'typed';
export interface Variant {
  strict: boolean;
  typed: boolean;
}

const MARKER = /\/\/ expect(?:\(([a-z, ]+)\))?: ((?:taskgroup\/[a-z-]+(?:, *)?)+)\s*$/;

export async function expectedFindings(root: string, files: readonly string[], variant: Variant): Promise<string[]> {
  const findings: string[] = [];
  for (const file of files) {
    const lines = (await readFile(join(root, file), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      const match = MARKER.exec(text);
      if (match === null) return;
      const conditions = (match[1] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
      for (const condition of conditions) {
        if (condition !== 'strict' && condition !== 'typed') {
          throw new Error(`${file}:${index + 1}: unknown condition ${condition} in ${text.trim()}`);
        }
      }
      if (!conditions.every((condition) => variant[condition as Condition])) return;
      for (const rule of (match[2] ?? '').split(',')) findings.push(`${file}:${index + 1} ${rule.trim()}`);
    });
  }
  return findings.sort();
}

export interface EslintSuggestion {
  desc: string;
  fix: { range: [number, number]; text: string };
}
export interface EslintMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  fatal?: boolean;
  severity: number;
  suggestions?: EslintSuggestion[];
}
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
}

/** Parses `eslint --format json` output; throws on parse errors and on crashes. */
export function parseEslintJson(stdout: string): EslintResult[] {
  const start = stdout.indexOf('[');
  if (start === -1) throw new Error(`no JSON in ESLint output:\n${stdout}`);
  const results = JSON.parse(stdout.slice(start)) as EslintResult[];
  const fatal = results.flatMap((result) =>
    result.messages.filter((message) => message.fatal || message.ruleId === null).map((message) => `${result.filePath}: ${message.message}`),
  );
  if (fatal.length > 0) throw new Error(`ESLint could not lint:\n${fatal.join('\n')}`);
  return results;
}

/** The plugin's findings as sorted `file:line rule` strings, files relative to `root`. */
export function taskgroupFindings(root: string, results: readonly EslintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('taskgroup/'))
        .map((message) => `${relative(root, result.filePath).split('\\').join('/')}:${message.line} ${message.ruleId}`),
    )
    .sort();
}
