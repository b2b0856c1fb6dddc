import rule from '../../src/rules/no-unscoped-promise-combinator';
import { runRuleTests } from './lib/rule-tester';

// With type information (tests/rules/fixtures/tsconfig.json): the same decisions, plus a
// `Promise` declared by the program (here in a namespace) is left alone.
runRuleTests('typed', 'no-unscoped-promise-combinator', rule, {
  valid: [
    `declare function after(f: () => unknown): void;\nafter(() => Promise.all([]));`,
    {
      code: `declare module 'x' {}\nnamespace Lib { export declare const Promise: { all(x: unknown[]): unknown }; setTimeout(() => Promise.all([])); }`,
    },
    // Browser/UI code (JSX, DOM globals): a click listener is no server's background work.
    { code: `const el = document.body;\nel.addEventListener('click', () => <div>{String(Promise.any([1]))}</div>);`, filename: 'react.tsx' },
  ],
  invalid: [
    {
      // Values joined, nothing to run as a task: reported, with no rewrite that would change nothing.
      code: `setTimeout(async () => { await Promise.all([1, 2]); }, 10);`,
      errors: [{ messageId: 'inBackground', line: 1, column: 32, suggestions: [] }],
    },
    {
      code: `setTimeout(async () => { await Promise.all([send(1), 2]); }, 10);`,
      errors: [
        {
          messageId: 'inBackground',
          line: 1,
          column: 32,
          suggestions: [
            {
              messageId: 'useTaskGroup',
              output: `import { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nsetTimeout(async () => { await TaskGroup.all([() => send(1), 2]); }, 10);`,
            },
          ],
        },
      ],
    },
    {
      code: `const el = document.body;\nel.addEventListener('click', () => <div>{String(Promise.any([1]))}</div>);`,
      filename: 'react.tsx',
      // `everywhere` (strict) reports it, as outside any background handler.
      options: [{ everywhere: true }],
      errors: [{ messageId: 'unscoped', line: 2, column: 49, suggestions: [] }],
    },
  ],
});
