import type { TSESTree } from '@typescript-eslint/utils';
import { type Node, dottedName, isCall, isFunctionNode, isIdentifier, isMember, isNew, memberPropertyName, propertyKeyName, stringValue, unwrap } from '../ast';
import { matchBackgroundCall } from '../callbacks';
import type { BackgroundOptions } from '../contexts';
import { referencedFunction } from '../functions';
import type { ProgramIndex } from '../program';
import type { EdgeTarget, EntryFact, FunctionSummary } from '../project/summary';
import { lineOf } from '../lines';

/**
 * Background entries that live in another module than the code that registers them, as
 * synthetic functions of the registering module (the registration's range, edges to what it
 * registers), so propagation crosses into the handler's module like any call:
 * - a background API given an imported function (`agenda.define('send', sendJob)`, `new Worker('mail', processMail)`);
 * - a handler module named in a job definition: `handler: () => import('./sweep.handler')`
 *   (also `run:` and `processor:`), its `run`, `handler` or default export;
 * - a BullMQ sandboxed processor: `new Worker('mail', path.join(__dirname, 'mail.processor.js'))`
 *   (and Bull's `queue.process(file)`), the file's default export or `module.exports`;
 * - `<x>.agenda.define('name', fn)` / `agenda.define(...)` where the Agenda instance comes from another module.
 */
export interface ConventionEntry {
  fn: FunctionSummary;
  entry: EntryFact;
}

/** Export paths a handler module's entry function is found at, in order. */
const HANDLER_MODULE_EXPORTS: readonly (readonly string[])[] = [['run'], ['handler'], ['default'], []];
/** Export paths a sandboxed processor file's function is found at. */
const PROCESSOR_FILE_EXPORTS: readonly (readonly string[])[] = [['default'], []];
/** Properties of a job definition that name its handler module. */
const HANDLER_KEYS = new Set(['handler', 'run', 'processor']);

const JOB_HANDLER_LABEL = 'the job handler';
const PROCESSOR_FILE_LABEL = 'the sandboxed BullMQ processor';
const AGENDA_LABEL = 'the Agenda job';

export function conventionEntries(index: ProgramIndex, options: BackgroundOptions, text: string): ConventionEntry[] {
  const found: ConventionEntry[] = [];
  const add = (at: Node, label: string, targets: EdgeTarget[]) => {
    if (targets.length === 0) return;
    const id = `entry@${at.range[0]}`;
    if (found.some((entry) => entry.fn.id === id)) return;
    found.push({
      fn: { id, range: [at.range[0], at.range[1]], calls: targets.map((target) => ({ target, range: [at.range[0], at.range[1]] })) },
      entry: { id, label, line: lineOf(text, at.range[0]) },
    });
  };
  const moduleTargets = (source: string, paths: readonly (readonly string[])[]): EdgeTarget[] => paths.map((path) => ({ kind: 'module', source, path }));

  for (const node of index.nodes) {
    if (isCall(node) || isNew(node)) {
      const call = matchBackgroundCall(node, index, options);
      if (call) {
        for (const argument of call.callbacks) {
          const value = unwrap(argument);
          if (referencedFunction(value, index)) continue;
          const ref = isIdentifier(value) || isMember(value) ? index.moduleRef(value) : undefined;
          if (ref) add(value, call.context.label.replace(/^an? /, 'the '), [{ kind: 'module', source: ref.source, path: ref.path }]);
        }
      }
      const processor = processorFile(node, index);
      if (processor) add(processor.at, PROCESSOR_FILE_LABEL, moduleTargets(processor.source, PROCESSOR_FILE_EXPORTS));
      if (isCall(node) && !call && isAgendaDefine(node)) {
        const callback = unwrap(node.arguments[node.arguments.length - 1]!);
        const local = referencedFunction(callback, index);
        const ref = local ? undefined : index.moduleRef(callback);
        if (local) add(callback, AGENDA_LABEL, [{ kind: 'local', id: String(local.range[0]) }]);
        else if (ref) add(callback, AGENDA_LABEL, [{ kind: 'module', source: ref.source, path: ref.path }]);
      }
    } else if (node.type === 'Property' && HANDLER_KEYS.has(propertyKeyName(node.key, node.computed) ?? '')) {
      const source = handlerModule(node.value);
      if (source !== undefined) add(node, JOB_HANDLER_LABEL, moduleTargets(source, HANDLER_MODULE_EXPORTS));
    }
  }
  return found;
}

/** `import('./x')`, `() => import('./x')`, `async () => (await import('./x')).run`, `() => import('./x').then((m) => m.run)`, `() => require('./x')`. */
function handlerModule(value: Node): string | undefined {
  let body: Node | null | undefined = unwrap(value);
  if (isFunctionNode(body)) {
    if (body.body?.type === 'BlockStatement') {
      const returned = body.body.body.find((statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement');
      body = returned?.argument;
    } else body = body.body;
  }
  for (let current = unwrap(body); current; ) {
    if (current.type === 'ImportExpression') return stringValue(current.source);
    if (isCall(current) && isIdentifier(current.callee, 'require')) return stringValue(current.arguments[0]);
    if (current.type === 'AwaitExpression') current = unwrap(current.argument);
    else if (isMember(current)) current = unwrap(current.object);
    else if (isCall(current) && isMember(current.callee) && memberPropertyName(current.callee) === 'then') current = unwrap(current.callee.object);
    else return undefined;
  }
  return undefined;
}

/** `new Worker(name, <file>)` of BullMQ, `queue.process(<file>)` of Bull: the processor file as a relative specifier. */
function processorFile(node: TSESTree.CallExpression | TSESTree.NewExpression, index: ProgramIndex): { source: string; at: Node } | undefined {
  let argument: Node | undefined;
  if (isNew(node) && index.refersTo(node.callee, ['bullmq'], 'Worker')) argument = node.arguments[1];
  else if (isCall(node) && isMember(node.callee) && memberPropertyName(node.callee) === 'process' && index.importsModule('bull', 'bullmq')) argument = node.arguments[node.arguments.length - 1];
  if (!argument) return undefined;
  const source = relativeFilePath(unwrap(argument));
  return source === undefined ? undefined : { source, at: argument };
}

/**
 * A file path written relative to the module: `path.join(__dirname, 'x.js')`,
 * `path.resolve(__dirname, 'jobs', 'x.js')`, `` `${__dirname}/x.js` ``, `__dirname + '/x.js'`,
 * `new URL('./x.js', import.meta.url)` (also through `fileURLToPath(...)` or `.pathname`), `'./x.js'`.
 */
export function relativeFilePath(node: Node | undefined): string | undefined {
  const value = unwrap(node);
  if (!value) return undefined;
  const literal = stringValue(value);
  if (literal !== undefined) return /^\.\.?\//.test(literal) ? literal : undefined;
  if (isCall(value)) {
    const callee = dottedName(value.callee);
    if (callee === 'fileURLToPath' || callee === 'url.fileURLToPath') return relativeFilePath(value.arguments[0]);
    if (callee && /^(path\.)?(join|resolve)$/.test(callee) && isIdentifier(unwrap(value.arguments[0]), '__dirname')) {
      const parts = value.arguments.slice(1).map((part) => stringValue(part));
      if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
      return `./${parts.join('/').replace(/^\.?\/+/, '')}`;
    }
    return undefined;
  }
  if (isMember(value) && memberPropertyName(value) === 'pathname') return relativeFilePath(value.object);
  if (isNew(value) && isIdentifier(value.callee, 'URL') && isImportMetaUrl(value.arguments[1])) {
    const spec = stringValue(value.arguments[0]);
    return spec === undefined ? undefined : spec.startsWith('.') ? spec : `./${spec}`;
  }
  if (value.type === 'TemplateLiteral' && value.expressions.length === 1 && isIdentifier(value.expressions[0], '__dirname') && value.quasis[0]?.value.cooked === '') {
    const rest = value.quasis[1]?.value.cooked;
    return rest?.startsWith('/') ? `.${rest}` : undefined;
  }
  if (value.type === 'BinaryExpression' && value.operator === '+' && isIdentifier(value.left, '__dirname')) {
    const rest = stringValue(value.right);
    return rest?.startsWith('/') ? `.${rest}` : undefined;
  }
  return undefined;
}

/** `agenda.define('name', fn)`, `this.agenda.define(...)`: an Agenda instance by its name, imported from another module. */
function isAgendaDefine(node: TSESTree.CallExpression): boolean {
  const callee = dottedName(node.callee);
  return callee !== undefined && /(^|\.)agenda\.define$/i.test(callee) && node.arguments.length >= 2 && stringValue(node.arguments[0]) !== undefined;
}

function isImportMetaUrl(node: Node | undefined): boolean {
  const value = unwrap(node);
  return isMember(value) && value.object.type === 'MetaProperty' && memberPropertyName(value) === 'url';
}
