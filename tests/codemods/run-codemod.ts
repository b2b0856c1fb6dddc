import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readOptions } from '../../src/codemods/lib/options';
import type { FileReport } from '../../src/codemods/lib/report';
import { runSteps } from '../../src/codemods/lib/run';
import { type CodemodStep, FLOATING_PROMISES, PROMISE_COMBINATORS } from '../../src/codemods/lib/steps';

export const STEPS: Record<string, CodemodStep> = {
  'promise-combinators': PROMISE_COMBINATORS,
  'floating-promises': FLOATING_PROMISES,
};

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

/** Runs one codemod on a source in memory (as its jscodeshift transform does): the output and the step's report. */
export function runCodemod(codemod: string, filePath: string, source: string, options: Record<string, unknown> = {}): { output: string; report: FileReport } {
  const reports: FileReport[] = [];
  const output = runSteps([STEPS[codemod]!], filePath, source, readOptions(options), (report) => reports.push(report));
  return { output, report: reports[0]! };
}

export interface Fixture {
  codemod: string;
  name: string;
  input: string;
  output: string;
  /** The codemod's options: `<case>.options.json` when there is one (`{ "everywhere": true }`), else the defaults. */
  options: Record<string, unknown>;
}

/** Every `<case>.input.<ext>` / `<case>.output.<ext>` pair under fixtures/<codemod>/, with its `<case>.options.json`. */
export function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const codemod of Object.keys(STEPS)) {
    const dir = path.join(FIXTURES, codemod);
    for (const name of readdirSync(dir).filter((file) => file.includes('.input.')).sort()) {
      const optionsFile = path.join(dir, `${name.slice(0, name.indexOf('.input.'))}.options.json`);
      const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>) : {};
      found.push({ codemod, name, input: path.join(dir, name), output: path.join(dir, name.replace('.input.', '.output.')), options });
    }
  }
  return found;
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}
