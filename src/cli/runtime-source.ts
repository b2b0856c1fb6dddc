import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { VENDORED_HEADER } from '../analysis/vendored-banner';

// One TypeScript file from the runtime's modules (src/runtime), written at build time to
// dist/task-group.ts for `taskgroup migrate --vendor` in TypeScript projects: a vendored
// `.ts` compiles with the user's project (a `.js` would not be copied to its outDir).

const RELATIVE_IMPORT = /^import\s+(?:type\s+)?[\s\S]*?\s+from\s+['"]\.\/[^'"]+['"];?[ \t]*\n/gm;
const RELATIVE_REEXPORT = /^export\s+(?:type\s+)?(?:\*|\{[\s\S]*?\})\s+from\s+['"](\.\/[^'"]+)['"];?[ \t]*\n/gm;
const IMPORTED_FROM = /^(?:import|export)\s[\s\S]*?\sfrom\s+['"]\.\/([^'"]+)['"]/gm;

function moduleFile(dir: string, specifier: string): string {
  const base = specifier.replace(/\.(js|ts)$/, '');
  return path.join(dir, `${base}.ts`);
}

/** Top-level names a module declares without exporting them. */
function privateNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (exported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** Whether an identifier is a property name (`a.KEY`, `{ KEY: 1 }`, a member), not a reference. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node) ||
    ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) ||
      ts.isEnumMember(parent) || ts.isBindingElement(parent) && parent.propertyName === node) && parent.name === node);
}

/** Renames every reference to `names` in a module's text (`KEY` → `KEY$stats`); shorthand properties keep their key. */
function renameInModule(text: string, fileName: string, names: Map<string, string>): string {
  if (names.size === 0) return text;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { at: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.has(node.text) && !isPropertyName(node)) {
      const renamed = names.get(node.text)!;
      const shorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
      edits.push({ at: node.getStart(file), end: node.getEnd(), text: shorthand ? `${node.text}: ${renamed}` : renamed });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.text + out.slice(edit.end);
  return out;
}

/**
 * Concatenates the runtime's modules in dependency order (index.ts last), dropping the
 * imports and re-exports between them; private top-level names that two modules share are
 * renamed apart. Throws when an import or re-export renames (`{ a as b }`, `* as m`),
 * which concatenation cannot keep.
 */
export function bundleRuntimeSource(dir: string, entry = 'index.ts'): string {
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORTED_FROM)) visit(moduleFile(dir, `./${match[1]}`));
    ordered.push(file);
  };
  visit(path.join(dir, entry));
  const texts = new Map(ordered.map((file) => [file, readFileSync(file, 'utf8')]));
  const declaredBy = new Map<string, string[]>();
  for (const [file, text] of texts) {
    for (const name of privateNames(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS))) {
      declaredBy.set(name, [...(declaredBy.get(name) ?? []), file]);
    }
  }
  const parts = ordered.map((file) => {
    const module = path.basename(file, '.ts').replace(/\W/g, '_');
    const clashes = new Map([...declaredBy].filter(([, files]) => files.length > 1 && files.includes(file)).map(([name]) => [name, `${name}$${module}`]));
    const text = renameInModule(texts.get(file)!, file, clashes);
    for (const match of [...text.matchAll(RELATIVE_REEXPORT), ...text.matchAll(RELATIVE_IMPORT)]) {
      if (/\{[^}]*\b\w+\s+as\s+\w|\*\s+as\s/.test(match[0])) throw new Error(`${path.basename(file)}: a renaming import or re-export cannot be bundled: ${match[0].trim()}`);
    }
    const body = text.replace(RELATIVE_IMPORT, '').replace(RELATIVE_REEXPORT, '').trim();
    return `// ---- ${path.basename(file)}\n${body}\n`;
  });
  return [VENDORED_HEADER, ...parts].join('\n');
}

/**
 * Writes the bundled runtime source (build step). A runtime that cannot be bundled only
 * warns: the rest of the build stays usable, and `--vendor` then says the file is missing.
 */
export function writeRuntimeSource(runtimeDir: string, outFile: string): void {
  try {
    if (!readdirSync(runtimeDir).includes('index.ts')) throw new Error(`no index.ts in ${runtimeDir}`);
    writeFileSync(outFile, bundleRuntimeSource(runtimeDir));
  } catch (error) {
    console.warn(`warning: dist/task-group.ts not written (taskgroup migrate --vendor needs it): ${(error as Error).message}`);
  }
}
