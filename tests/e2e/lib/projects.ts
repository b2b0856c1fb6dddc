// The projects the e2e suites install, each described once: test files that ask for the same
// one share a single install (lib/cache.ts).
import { installedProject, ownVersions, packTarball, type Project } from './project';

export const ESLINT_VERSIONS = ['9.39.5', '10.15.0'] as const;
export type EslintVersion = (typeof ESLINT_VERSIONS)[number];

/**
 * tests/e2e/fixtures/project with the package, `eslint@<version>`, typescript-eslint and
 * TypeScript as dependencies; with ESLint 10 also oxlint (lib/oxlint.ts compares the two).
 */
export async function eslintProject(version: EslintVersion): Promise<Project> {
  const own = ownVersions();
  return installedProject({
    fixture: 'project',
    manifest: { type: 'module' },
    tarball: await packTarball(),
    install: [
      `eslint@${version}`,
      `typescript-eslint@${own['typescript-eslint']}`,
      `typescript@${own.typescript}`,
      ...(version.startsWith('10.') ? [`oxlint@${own.oxlint}`] : []),
    ],
  });
}

/**
 * tests/e2e/fixtures/service: a JavaScript-only service with the package and ESLint as
 * devDependencies, as the README says to install it, and no TypeScript (legacy-peer-deps,
 * as with Yarn 1 or an `.npmrc` that sets it: the parser's TypeScript peer is not installed).
 */
export async function serviceProject(): Promise<Project> {
  const own = ownVersions();
  return installedProject({
    fixture: 'service',
    manifest: { type: 'module', scripts: { start: 'node src/main.js' } },
    tarball: await packTarball(),
    npmrc: 'legacy-peer-deps=true\n',
    install: ['--save-dev', `eslint@${own.eslint}`],
  });
}
