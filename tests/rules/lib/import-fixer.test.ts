import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { planImport } from '../../../src/rules/lib/import-fixer';
import { runRuleTests } from './rule-tester';

/** A rule for the test only: `use(X)` gets a suggestion `TaskGroup(X)` that imports `TaskGroup`. */
const rule = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'suggestion',
    hasSuggestions: true,
    messages: { found: 'found', fix: 'fix' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      'CallExpression[callee.name="use"]'(node: TSESTree.CallExpression) {
        const plan = planImport(context.sourceCode, node, { source: 'tg', name: 'TaskGroup' });
        context.report({
          node: node.callee,
          messageId: 'found',
          suggest: plan
            ? [{ messageId: 'fix', fix: (fixer) => [fixer.replaceText(node.callee, plan.local), ...plan.fix(fixer)] }]
            : [],
        });
      },
    };
  },
});

const invalid = (code: string, output: string | null, filename?: string) => ({
  code,
  ...(filename ? { filename } : {}),
  errors: [{ messageId: 'found' as const, suggestions: output === null ? [] : [{ messageId: 'fix' as const, output }] }],
});

runRuleTests('typescript', 'import-fixer', rule, {
  valid: ['other(1);'],
  invalid: [
    // New import after the last import, file quotes and semicolons kept.
    invalid(`import a from "a";\nimport b from "b";\nuse(1);`, `import a from "a";\nimport b from "b";\nimport { TaskGroup } from "tg";\nTaskGroup(1);`),
    invalid(`import a from 'a'\nuse(1)`, `import a from 'a'\nimport { TaskGroup } from 'tg'\nTaskGroup(1)`),
    // No import at all: before the first statement, after directives.
    invalid(`use(1);`, `import { TaskGroup } from 'tg';\nTaskGroup(1);`),
    invalid(`'use client';\nuse(1);`, `'use client';\nimport { TaskGroup } from 'tg';\nTaskGroup(1);`),
    // Merged into an existing import of the module.
    invalid(`import { background } from 'tg';\nuse(1);`, `import { background, TaskGroup } from 'tg';\nTaskGroup(1);`),
    invalid(`import tg from 'tg';\nuse(1);`, `import tg, { TaskGroup } from 'tg';\nTaskGroup(1);`),
    // Namespace and type-only imports cannot take it: a new import.
    invalid(`import * as tg from 'tg';\nuse(1);`, `import * as tg from 'tg';\nimport { TaskGroup } from 'tg';\nTaskGroup(1);`),
    invalid(`import type { Task } from 'tg';\nuse(1);`, `import type { Task } from 'tg';\nimport { TaskGroup } from 'tg';\nTaskGroup(1);`),
    // Already imported, maybe renamed: reused, nothing added.
    invalid(`import { TaskGroup as TG } from 'tg';\nuse(1);`, `import { TaskGroup as TG } from 'tg';\nTG(1);`),
    // CommonJS: require, merged into a destructuring require of the module.
    invalid(`const fs = require('fs');\nuse(1);`, `const fs = require('fs');\nconst { TaskGroup } = require('tg');\nTaskGroup(1);`, 'file.cjs'),
    invalid(`const { background } = require('tg');\nuse(1);\nmodule.exports = {};`, `const { background, TaskGroup } = require('tg');\nTaskGroup(1);\nmodule.exports = {};`, 'file.cjs'),
    invalid(`const { TaskGroup: TG } = require('tg');\nuse(1);`, `const { TaskGroup: TG } = require('tg');\nTG(1);`, 'file.cjs'),
    // `TaskGroup` already means something else here: no suggestion.
    invalid(`class TaskGroup {}\nuse(1);`, null),
    invalid(`function f(TaskGroup) { use(1); }`, null),
  ],
});

runRuleTests('espree', 'import-fixer', rule, {
  valid: [],
  invalid: [invalid(`import x from 'x';\nuse(1);`, `import x from 'x';\nimport { TaskGroup } from 'tg';\nTaskGroup(1);`)],
});
