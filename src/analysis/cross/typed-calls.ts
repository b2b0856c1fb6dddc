import type * as ts from 'typescript';
import type { Range } from '../project/types';

/** Where a call leads with type information: the declarations (file, start, end) of the functions it may run. */
export type CallResolver = (file: string, range: Range) => { file: string; start: number; end: number }[];

type TypeScriptModule = typeof ts;

/** The call expression whose text spans `range` exactly. */
function callAt(typescript: TypeScriptModule, source: ts.SourceFile, range: Range): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < range[1] || node.pos > range[0]) return;
    if (typescript.isCallExpression(node) && node.end === range[1] && node.getStart(source) === range[0]) {
      found = node;
      return;
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function hasBody(declaration: ts.Declaration): boolean {
  return 'body' in declaration && (declaration as { body?: unknown }).body !== undefined;
}

/**
 * Follows the calls syntax cannot resolve (`call` edges) through the type checker of the
 * program ESLint's typed linting built: a method of the receiver's class, or — when the
 * receiver is typed with an interface — the method of each class of the program that
 * `implements` it.
 */
export function typedCallResolver(typescript: TypeScriptModule, program: ts.Program): CallResolver {
  const checker = program.getTypeChecker();
  let implementers: Map<ts.Symbol, ts.ClassLikeDeclaration[]> | undefined;
  const implementersOf = (symbol: ts.Symbol): ts.ClassLikeDeclaration[] => {
    if (!implementers) {
      implementers = new Map();
      for (const source of program.getSourceFiles()) {
        if (source.isDeclarationFile || program.isSourceFileFromExternalLibrary(source)) continue;
        const visit = (node: ts.Node): void => {
          if (typescript.isClassLike(node)) {
            for (const clause of node.heritageClauses ?? []) {
              if (clause.token !== typescript.SyntaxKind.ImplementsKeyword) continue;
              for (const type of clause.types) {
                let target = checker.getSymbolAtLocation(type.expression);
                if (target && target.flags & typescript.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
                if (target) implementers!.set(target, [...(implementers!.get(target) ?? []), node]);
              }
            }
          }
          if (typescript.isSourceFile(node) || typescript.isModuleBlock(node) || typescript.isModuleDeclaration(node)) typescript.forEachChild(node, visit);
          else if (typescript.isClassLike(node) || typescript.isVariableStatement(node) || typescript.isExportAssignment(node)) return;
        };
        typescript.forEachChild(source, visit);
      }
    }
    return implementers.get(symbol) ?? [];
  };
  const located = (declaration: ts.Declaration) => {
    const source = declaration.getSourceFile();
    return { file: source.fileName, start: declaration.getStart(source), end: declaration.end };
  };

  return (file, range) => {
    const source = program.getSourceFile(file);
    const call = source && callAt(typescript, source, range);
    if (!call || !typescript.isPropertyAccessExpression(call.expression)) return [];
    const declaration = checker.getResolvedSignature(call)?.declaration;
    if (!declaration || typescript.isJSDocSignature(declaration)) return [];
    if (hasBody(declaration)) return declaration.getSourceFile().isDeclarationFile ? [] : [located(declaration)];
    const owner = declaration.parent;
    if (!typescript.isMethodSignature(declaration) || !typescript.isInterfaceDeclaration(owner)) return [];
    const symbol = checker.getSymbolAtLocation(owner.name);
    const name = call.expression.name.text;
    return (symbol ? implementersOf(symbol) : []).flatMap((classNode) =>
      classNode.members.filter((member) => member.name !== undefined && typescript.isIdentifier(member.name) && member.name.text === name && hasBody(member)).map(located),
    );
  };
}
