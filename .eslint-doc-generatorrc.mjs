/**
 * eslint-doc-generator: the README rules table and each rule page's header notices and
 * options list. Run `npm run docs:rules` after changing a rule's meta; `npm test` checks
 * that nothing is stale (`eslint-doc-generator --check`, tests/readme-rules.test.ts).
 * It reads the built plugin (dist/), so build first.
 * @type {import('eslint-doc-generator').GenerateOptions}
 */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['legacy-recommended', 'legacy-strict'],
  ruleDocSectionInclude: ['Options', 'When Not To Use It'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'configsOff', 'fixable', 'hasSuggestions', 'options'],
};

export default config;
