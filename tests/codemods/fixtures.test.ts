import { describe, expect, it } from 'vitest';
import { fixtures, read, runCodemod } from './run-codemod';

describe.each(fixtures())('$codemod: $name', ({ codemod, input, output, options }) => {
  const source = read(input);
  const expected = read(output);

  it('rewrites the input into the expected output (whole file)', () => {
    expect(runCodemod(codemod, input, source, options).output).toBe(expected);
  });

  it('is idempotent: a second run changes nothing', () => {
    const second = runCodemod(codemod, output, expected, options);
    expect(second.output).toBe(expected);
    expect(second.report.rewritten).toBe(0);
  });

  it('reports as many rewritten sites as it changed', () => {
    const { report } = runCodemod(codemod, input, source, options);
    expect(report.changed).toBe(source !== expected);
    expect(report.rewritten > 0).toBe(source !== expected);
  });
});
