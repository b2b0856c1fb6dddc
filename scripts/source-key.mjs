// What dist/ is built from, as one short hash: the contents of src/ and tsdown.config.ts.
// `npm run build` records it in dist/.source-key; tests that need a build of the current
// sources (tests/cli/helpers.ts) reuse dist/ when the recorded key is theirs.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sourceKey(root) {
  const hash = createHash('sha1');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else hash.update(`${full.slice(root.length)}\0`).update(readFileSync(full));
    }
  };
  visit(join(root, 'src'));
  hash.update(readFileSync(join(root, 'tsdown.config.ts')));
  return hash.digest('hex').slice(0, 12);
}
