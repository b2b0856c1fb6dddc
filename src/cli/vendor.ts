import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { distDir, findUp } from './util.js';
import { VENDORED_HEADER } from '../analysis/vendored-banner.js';

/** The vendored runtime: the module path (no extension) files import, and the files written. */
export interface Vendored {
  module: string;
  written: string[];
  /** Removes the files this call created (those that were there before stay, as written). */
  undo(): void;
}

function isTypeScriptProject(dir: string, files: readonly string[]): boolean {
  return findUp(dir, 'tsconfig.json') !== undefined || files.some((file) => /\.[mc]?tsx?$/i.test(file));
}

function isModulePackage(dir: string): boolean {
  const manifest = findUp(dir, 'package.json');
  if (!manifest) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
  } catch {
    return false;
  }
}

/** Writes `content` to `file` atomically: a temporary file in the same folder, then a rename. */
export function writeAtomic(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function readBuilt(name: string): string {
  const file = path.join(distDir(), name);
  if (!existsSync(file)) throw new Error(`The runtime ${file} is missing: build the package first (npm run build)`);
  return readFileSync(file, 'utf8');
}

/**
 * Copies the runtime into `dir`: `task-group.ts` in a TypeScript project (it compiles with
 * the project), else `task-group.js` (ESM or CommonJS as the nearest package.json says) with
 * `task-group.d.ts`. With `dry`, only says where it would go.
 */
export function vendorRuntime(dir: string, files: readonly string[], dry: boolean): Vendored {
  const target = path.resolve(dir);
  const module = path.join(target, 'task-group');
  const contents: [string, string][] = isTypeScriptProject(target, files)
    ? [[`${module}.ts`, readBuilt('task-group.ts')]]
    : isModulePackage(target)
      ? [[`${module}.js`, VENDORED_HEADER + readBuilt('task-group.mjs')], [`${module}.d.ts`, readBuilt('task-group.d.mts')]]
      : [[`${module}.js`, VENDORED_HEADER + readBuilt('task-group.cjs')], [`${module}.d.ts`, readBuilt('task-group.d.cts')]];
  if (dry) return { module, written: [], undo: () => undefined };
  const created = contents.map(([file]) => file).filter((file) => !existsSync(file));
  mkdirSync(target, { recursive: true });
  for (const [file, content] of contents) writeAtomic(file, content);
  return { module, written: contents.map(([file]) => file), undo: () => created.forEach((file) => rmSync(file, { force: true })) };
}
