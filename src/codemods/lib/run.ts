import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import type { AnyNode } from '../../analysis/ast.js';
import { ProgramIndex } from '../../analysis/program.js';
import { applyTextEdits, type TextEdit } from './edits.js';
import { addHelperImports, hasModuleSyntax, isCommonJSFile, planHelperNames, type HelperName } from './imports.js';
import { namesInFile } from './names.js';
import { outputName, readOptions, type CodemodOptions } from './options.js';
import { parserFor } from './parser.js';
import { sendReport, type FileReport, type LeftSite } from './report.js';
import { detectStyle } from './style.js';

/** What a codemod's rewrite step works with: the parsed file, its options, and the helper names. */
export interface RewriteContext {
  program: AnyNode;
  index: ProgramIndex;
  source: string;
  filePath: string;
  options: CodemodOptions;
  /** The local name for a helper export; using it makes the file import it. */
  helper(name: HelperName['imported']): string;
}

/** The outcome of a rewrite step: text edits on the source, the sites rewritten (their call's range), the sites left. */
export interface RewriteResult {
  edits: TextEdit[];
  rewritten: [number, number][];
  left: LeftSite[];
}

/** One codemod's rewrite step. */
export interface CodemodStep {
  name: string;
  rewrite(context: RewriteContext): RewriteResult;
}

/** The import specifier of the runtime for one file: `helper`, or a relative path to the vendored copy. */
export function helperSpecifier(filePath: string, options: CodemodOptions): string {
  if (!options.vendor) return options.helper;
  let relative = path.relative(path.dirname(path.resolve(filePath)), options.vendor).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return `${relative}.js`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Parses a file with the parser its extension calls for; the error says where it failed. */
export function parseFile(filePath: string, source: string, what = 'Parse error'): AnyNode {
  try {
    return parserFor(filePath).parse(source) as unknown as AnyNode;
  } catch (error) {
    throw new Error(`${what}: ${firstLine(error)}`);
  }
}

function usesRequire(index: ProgramIndex): boolean {
  return index.nodes.some((node) =>
    (node.type === 'CallExpression' && (node.callee as AnyNode).type === 'Identifier' && (node.callee as AnyNode).name === 'require') ||
    (node.type === 'MemberExpression' && (node.object as AnyNode).type === 'Identifier' && (node.object as AnyNode).name === 'module' &&
      (node.property as AnyNode).name === 'exports'));
}

/** Runs one step on a parsed file: rewrite as text edits, then add the helper import. */
function runStep(step: CodemodStep, file: AnyNode, source: string, filePath: string, options: CodemodOptions, report: FileReport): string {
  const program = (file.type === 'File' ? file.program : file) as AnyNode;
  const index = new ProgramIndex(program);
  const specifier = helperSpecifier(filePath, options);
  let names: Map<HelperName['imported'], HelperName> | undefined;
  const used = new Set<HelperName['imported']>();
  const context: RewriteContext = {
    program, index, source, filePath, options,
    helper(name) {
      names ??= planHelperNames(program, specifier, ['TaskGroup', 'background'], namesInFile(index));
      used.add(name);
      return names.get(name)!.local;
    },
  };
  const result = step.rewrite(context);
  report.left = result.left;
  if (result.rewritten.length === 0) return source;
  report.rewritten = result.rewritten.length;
  report.ranges = result.rewritten;
  const rewritten = applyTextEdits(source, result.edits);
  const commonjs = isCommonJSFile(filePath, { isCommonJS: usesRequire(index), hasESM: hasModuleSyntax(program) });
  const needed = [...used].map((name) => names!.get(name)!);
  const withImports = addHelperImports(rewritten, needed, {
    specifier,
    commonjs,
    style: detectStyle(index, source),
    parse: (text) => parseFile(filePath, text, 'The rewritten file would not parse; left unchanged'),
  });
  parseFile(filePath, withImports, 'The rewritten file would not parse; left unchanged');
  report.changed = withImports !== source;
  return withImports;
}

type RunnerApi = Partial<Pick<API, 'report'>>;

/**
 * Runs codemod steps on one source, in order: parses it once with the parser for its
 * extension (again only after a step changed it), applies each step's text edits (every
 * byte outside them stays as it was), adds the helper import, and checks every output
 * parses. Returns the source itself when there is no site; throws (the file is then left
 * alone) when the input or an output does not parse. Hands one report per step to `onReport`.
 */
export function runSteps(
  steps: readonly CodemodStep[],
  filePath: string,
  input: string,
  options: CodemodOptions,
  onReport: (report: FileReport) => void,
): string {
  let source = input;
  let ast: AnyNode | undefined;
  for (const step of steps) {
    const report: FileReport = { file: filePath, codemod: step.name, rewritten: 0, left: [], ranges: [], changed: false };
    try {
      ast ??= parseFile(filePath, source);
      const output = runStep(step, ast, source, filePath, options, report);
      if (output !== source) {
        source = output;
        ast = undefined;
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      onReport(report);
    }
  }
  return source;
}

/** A jscodeshift transform over `steps`: reports go to the CLI's report file (or `api.report`), outputs to its output folder. */
export function runCodemods(steps: readonly CodemodStep[], file: FileInfo, api: RunnerApi, rawOptions: Record<string, unknown>): string {
  const options = readOptions(rawOptions);
  const output = runSteps(steps, file.path, file.source, options, (report) => sendReport(report, options.reportFile, api.report));
  if (options.outputDir && output !== file.source) writeFileSync(path.join(options.outputDir, outputName(file.path)), output);
  return output;
}
