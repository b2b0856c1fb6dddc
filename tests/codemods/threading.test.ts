import { describe, expect, it } from 'vitest';
import { runCodemod } from './run-codemod';

// Threading the signal through the module's own functions, in the corner cases a fixture
// would bury: the rewrite must never leave a parameter nobody uses, nor shift an argument.
const migrate = (source: string) => runCodemod('promise-combinators', 'a.ts', source).output;
const IMPORT = "import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\n";

describe('signal threading', () => {
  it('does not thread a function whose only call to pass the signal to is itself', () => {
    const source = 'async function poll(n: number): Promise<void> { if (n > 0) await poll(n - 1); }\nsetTimeout(async () => { await Promise.all([poll(3)]); });\n';
    expect(migrate(source)).toBe(`${IMPORT}async function poll(n: number): Promise<void> { if (n > 0) await poll(n - 1); }\nsetTimeout(async () => { await TaskGroup.all([() => poll(3)]); });\n`);
  });

  it('passes the signal to a function that takes one, unless the call already fills that argument', () => {
    const source = "async function job(x: string, signal?: AbortSignal) { await fetch(x, { signal }); }\nsetTimeout(async () => { await Promise.all([job('a'), job('b', undefined)]); });\n";
    expect(migrate(source)).toBe(
      `${IMPORT}async function job(x: string, signal?: AbortSignal) { await fetch(x, { signal }); }\nsetTimeout(async () => { await TaskGroup.all([(signal: AbortSignal) => job('a', signal), () => job('b', undefined)]); });\n`,
    );
  });

  it('does not take a process signal name for an AbortSignal', () => {
    const source = "async function stop(pid: number, signal: string) { process.kill(pid, signal); await fetch('/stopped'); }\nsetTimeout(async () => { await Promise.all([stop(1, 'SIGTERM')]); });\n";
    expect(migrate(source)).toContain("TaskGroup.all([() => stop(1, 'SIGTERM')])");
  });

  it('gives a lone unparenthesised arrow parameter its parentheses, and pads missing arguments', () => {
    const source = "const f = async (x, y?: number) => { await fetch(x); };\nconst g = async x => { await fetch(x); };\nsetTimeout(async () => { await Promise.all([f('a'), g('b')]); });\n";
    expect(migrate(source)).toBe(
      `${IMPORT}const f = async (x, y?: number, signal?: AbortSignal) => { await fetch(x, { signal }); };\nconst g = async (x, signal?: AbortSignal) => { await fetch(x, { signal }); };\nsetTimeout(async () => { await TaskGroup.all([(signal: AbortSignal) => f('a', undefined, signal), (signal: AbortSignal) => g('b', signal)]); });\n`,
    );
  });

  it('threads through a chain of functions and into a nested group', () => {
    const source = "async function leaf(u: string) { await fetch(u); }\nasync function mid() { await leaf('/x'); await Promise.resolve(); }\nsetTimeout(async () => { await Promise.all([mid()]); });\n";
    expect(migrate(source)).toBe(
      `${IMPORT}async function leaf(u: string, signal?: AbortSignal) { await fetch(u, { signal }); }\nasync function mid(signal?: AbortSignal) { await leaf('/x', signal); await Promise.resolve(); }\nsetTimeout(async () => { await TaskGroup.all([(signal: AbortSignal) => mid(signal)]); });\n`,
    );
  });
});
