// Running oxlint in an installed project and reading its findings in the shape ESLint's are
// compared in (lib/expectations.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Output, Project } from './project';

export interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

interface OxlintDiagnostic {
  message: string;
  code: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}

/** Runs the project's oxlint (`-c <config>`, JSON output). */
export function oxlint(project: Project, args: readonly string[]): Promise<Output> {
  return project.node([join(project.dir, 'node_modules', 'oxlint', 'bin', 'oxlint'), '--format', 'json', ...args]);
}

/** The plugin's findings in oxlint's JSON output (`taskgroup(rule)` codes), sorted. */
export function oxlintFindings(stdout: string): Finding[] {
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] };
  return diagnostics
    .flatMap((diagnostic) => {
      const rule = /^taskgroup\((.+)\)$/.exec(diagnostic.code);
      const span = diagnostic.labels[0]?.span;
      if (!rule || !span) return [];
      return [{ file: diagnostic.filename, line: span.line, column: span.column, ruleId: `taskgroup/${rule[1]}`, message: diagnostic.message }];
    })
    .sort(compare);
}

export function compare(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/** The `.oxlintrc.json` block of the README (the one that loads the plugin through `jsPlugins`). */
export async function readmeOxlintConfig(readme: string): Promise<{ jsPlugins: string[]; rules: Record<string, unknown> }> {
  const blocks = [...(await readFile(readme, 'utf8')).matchAll(/```jsonc?\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const block = blocks.find((text) => text.includes('"jsPlugins"'));
  if (block === undefined) throw new Error('README.md has no ```json block with "jsPlugins"');
  return JSON.parse(block) as { jsPlugins: string[]; rules: Record<string, unknown> };
}
