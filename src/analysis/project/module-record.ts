import { topLevelDeclarations } from './declarations';
import { moduleExports } from './exports';
import { importBindings, moduleRequests } from './imports';
import { type ParserId, parseFile } from './parse';
import type { Summarizer } from './summary';
import type { ModuleRecord } from './types';

/** An empty record that says why the file could not be read; the index goes on without it. */
export function failedRecord(error: string): ModuleRecord {
  return { declarations: [], imports: [], requests: [], exports: [], stars: [], error };
}

/**
 * Reads one file's import/export map (syntax only: no other file is looked at), and with a
 * summarizer its functions, calls and background entries, from the same tree.
 */
export function buildModuleRecord(file: string, text: string, parser: ParserId, summarizer?: Summarizer): ModuleRecord {
  const parsed = parseFile(file, text, parser);
  if ('error' in parsed) return failedRecord(parsed.error);
  const { program } = parsed;
  const { exports, stars, moduleObject } = moduleExports(program);
  return {
    declarations: topLevelDeclarations(program),
    imports: importBindings(program),
    requests: moduleRequests(program, text),
    exports,
    stars,
    ...(moduleObject ? { moduleObject } : {}),
    ...(summarizer ? { facts: summarizer.summarize(file, text, program, parser) } : {}),
  };
}
