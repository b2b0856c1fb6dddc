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

/** Nearest `name` in `dir` or a folder above it. */
export function findUp(dir: string, name: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, name);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** `1 file`, `2 files`: a count and its noun, plural when it is not 1. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A message on one line: an error's code frame or a multi-line reason would break the summary's layout. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
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
