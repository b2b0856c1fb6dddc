import { describe, expect, it } from 'vitest';
import { runCodemod } from './run-codemod';

// How the helper import is added: merged, `require` in CommonJS, after directives, in the
// file's style. The site is the same everywhere: a combinator in a `setImmediate` callback.
const SITE = 'setImmediate(async () => { await Promise.all([fetch(u)]); });';
const REWRITTEN_JS = 'setImmediate(async () => { await TaskGroup.all([(signal) => fetch(u, { signal })]); });';

const migrate = (file: string, source: string, options: Record<string, unknown> = {}) => runCodemod('promise-combinators', file, source, options).output;

describe('helper import', () => {
  it('merges into a default import of the helper', () => {
    expect(migrate('a.mjs', `import tg from 'eslint-plugin-taskgroup/task-group';\n${SITE}\n`)).toBe(
      `import tg, { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\n${REWRITTEN_JS}\n`,
    );
  });

  it('does not reuse a type-only import, and goes after the last import', () => {
    const output = migrate('a.ts', `import type { TaskGroup } from 'eslint-plugin-taskgroup/task-group';\nimport x from 'x';\n${SITE}\n`);
    expect(output.split('\n').slice(0, 3)).toEqual([
      "import type { TaskGroup } from 'eslint-plugin-taskgroup/task-group';",
      "import x from 'x';",
      "import { TaskGroup as TaskGroup2 } from 'eslint-plugin-taskgroup/task-group';",
    ]);
  });

  it("puts a require after 'use strict' and a hashbang, in a CommonJS file", () => {
    expect(migrate('bin.js', `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\n${SITE}\n`)).toBe(
      `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\nconst { TaskGroup } = require('eslint-plugin-taskgroup/task-group');\n${REWRITTEN_JS}\n`,
    );
  });

  it('uses the most used quote and no semicolons when the file has none', () => {
    expect(migrate('a.mjs', `import a from "a"\nimport b from "b"\nsetImmediate(async () => { await Promise.all([fetch('u')]) })\n`)).toBe(
      `import a from "a"\nimport b from "b"\nimport { TaskGroup } from "eslint-plugin-taskgroup/task-group"\nsetImmediate(async () => { await TaskGroup.all([(signal) => fetch('u', { signal })]) })\n`,
    );
  });

  it('imports a vendored runtime by relative path', () => {
    const output = migrate('/project/src/jobs/a.ts', `${SITE}\n`, { vendor: '/project/src/vendor/task-group' });
    expect(output.split('\n')[0]).toBe("import { TaskGroup } from '../vendor/task-group.js';");
  });

  it('returns a file without a site byte-for-byte, odd formatting and all', () => {
    const source = "import   x   from 'x'\r\n\r\nconst  a = Promise.all( [ x() ] ) ;\r\n";
    expect(migrate('a.ts', source)).toBe(source);
  });
});
