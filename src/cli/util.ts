import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.js';

/** The package's root folder: the nearest `package.json` above this file (dist/ when built, src/cli/ in tests). */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'eslint-plugin-taskgroup') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('eslint-plugin-taskgroup: cannot find the package root');
    dir = parent;
  }
}

/** The built files (`dist/`): codemods, runtime. */
export function distDir(): string {
  return path.join(packageRoot(), 'dist');
}

/** The package version. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** A command's arguments: positionals and the given options, strictly (an unknown option is a usage error). */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(error.message);
    throw error;
  }
}
