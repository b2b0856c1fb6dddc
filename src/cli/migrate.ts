import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { COMBINATORS } from '../analysis/combinators.js';
import { outputName } from '../codemods/lib/options.js';
import { discoverFiles } from './files.js';
import { Progress } from './progress.js';
import { ReportReader } from './reports.js';
import { chooseRuntime } from './runtime-choice.js';
import { projectSettings } from './settings.js';
import { formatSummary, summarize } from './summary.js';
import { EXIT_FAILED, EXIT_OK, EXIT_PENDING, MIGRATE_HELP, UsageError } from './usage.js';
import { distDir, parseCommand } from './util.js';
import { type Vendored, vendorRuntime } from './vendor.js';

export const CODEMODS = ['promise-combinators', 'floating-promises'] as const;

interface RunnerModule {
  run(transform: string, paths: string[], options: Record<string, unknown>): Promise<{ error: number; ok: number; nochange: number; skip: number }>;
}

function parse(argv: string[]) {
  return parseCommand(argv, {
    dry: { type: 'boolean', default: false },
    print: { type: 'boolean', default: false },
    only: { type: 'string' },
    helper: { type: 'string' },
    'helper-module': { type: 'string' },
    vendor: { type: 'string' },
    cpus: { type: 'string' },
    everywhere: { type: 'boolean' },
    combinators: { type: 'string' },
    'background-functions': { type: 'string' },
    'background-decorators': { type: 'string' },
    'cross-module-depth': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function depthOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const depth = Number(value);
  if (!Number.isInteger(depth) || depth < 0) throw new UsageError(`--cross-module-depth expects a whole number (0 or more), got "${value}"`);
  return depth;
}

function cpusOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cpus = Number(value);
  if (!Number.isInteger(cpus) || cpus < 1) throw new UsageError(`--cpus expects a positive whole number, got "${value}"`);
  return cpus;
}

function transformFor(only: string | undefined): { file: string; codemods: string[] } {
  if (only === undefined) return { file: path.join(distDir(), 'codemods', 'migrate.js'), codemods: [...CODEMODS] };
  if (!(CODEMODS as readonly string[]).includes(only)) {
    throw new UsageError(`--only expects one of ${CODEMODS.join(', ')}, got "${only}"`);
  }
  return { file: path.join(distDir(), 'codemods', `${only}.js`), codemods: [only] };
}

/** `taskgroup migrate [paths...]`: returns the exit code. */
export async function migrate(argv: string[], out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    out.write(`${MIGRATE_HELP}\n`);
    return EXIT_OK;
  }
  const cpus = cpusOption(values.cpus);
  const crossModuleDepth = depthOption(values['cross-module-depth']);
  const transform = transformFor(values.only);
  const combinators = values.combinators?.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of combinators ?? []) {
    if (!(COMBINATORS as readonly string[]).includes(name)) throw new UsageError(`--combinators: unknown combinator "${name}" (expected ${COMBINATORS.join(', ')})`);
  }
  if (values.helper !== undefined && values['helper-module'] !== undefined && values.helper !== values['helper-module']) {
    throw new UsageError('--helper and --helper-module are one option (the contract calls it --helper): give it once');
  }
  const helper = values.helper ?? values['helper-module'];
  if (helper !== undefined && values.vendor !== undefined) throw new UsageError('--helper and --vendor cannot be used together');
  if (helper === '') throw new UsageError('--helper expects an import specifier');
  if (!existsSync(transform.file)) throw new Error(`The codemod ${transform.file} is missing: build the package first (npm run build)`);

  const discovery = discoverFiles(positionals);
  // The project's `settings.taskgroup`, as the rules see it; the flags given override it. A file
  // whose settings cannot be read fails (left unchanged) like a file that does not parse.
  const settings = await projectSettings(discovery.files);
  for (const { config, error } of settings.unloadable) {
    process.stderr.write(`taskgroup migrate: your ESLint config ${config} could not be loaded (${error}); its files are migrated with the plugin's defaults, as \`taskgroup check\` checks them with the plugin's own config\n`);
  }
  const failedSettings = new Set(settings.failed.map((entry) => entry.file));
  const files = discovery.files.filter((file) => !failedSettings.has(file));
  // A `helperModule` in the settings is the user's choice of import, like --helper.
  const settingsHelper = [...settings.settings.values()].find((entry) => entry.helperModule !== undefined)?.helperModule;
  const runtime = chooseRuntime({ helper, vendor: values.vendor, settingsHelper }, files);
  // Written before the run, so that no rewritten file ever imports a missing module.
  const vendor: Vendored | undefined = runtime.kind === 'vendor' ? vendorRuntime(runtime.dir, files, values.dry) : undefined;
  const work = mkdtempSync(path.join(os.tmpdir(), 'taskgroup-migrate-'));
  const reportFile = path.join(work, 'reports.jsonl');
  writeFileSync(reportFile, '');
  const settingsFile = path.join(work, 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(Object.fromEntries(settings.settings)));
  try {
    const reader = new ReportReader(reportFile);
    const progress = new Progress(discovery.files.length, err, !values.json);
    const timer = setInterval(() => {
      reader.poll();
      progress.update(reader.files.size);
    }, 100);
    try {
      if (files.length > 0) {
        // jscodeshift's documented programmatic API (its README, "Usage (JS)"); the transforms
        // use nothing else of jscodeshift: they parse and rewrite with src/analysis.
        const runner = require('jscodeshift/src/Runner') as RunnerModule;
        await runner.run(transform.file, files, {
          dry: values.dry,
          print: false,
          silent: true,
          verbose: -1,
          babel: false,
          // One worker would do all the work: do it in this process, without forking one.
          runInBand: Math.min(files.length, cpus ?? Math.max(os.cpus().length - 1, 1)) <= 1,
          ...(cpus ? { cpus } : {}),
          // Only the flags given: the file's settings fill the rest (see readOptions).
          ...(values.everywhere !== undefined ? { everywhere: values.everywhere } : {}),
          ...(combinators ? { combinators } : {}),
          ...(values['background-functions'] !== undefined ? { backgroundFunctions: values['background-functions'] } : {}),
          ...(values['background-decorators'] !== undefined ? { backgroundDecorators: values['background-decorators'] } : {}),
          ...(crossModuleDepth !== undefined ? { crossModuleDepth } : {}),
          // A flag wins over the files' settings; an automatic choice of the package leaves each
          // file's `helperModule` setting in force.
          ...(helper !== undefined ? { helperModule: helper } : {}),
          ...(vendor ? { vendor: vendor.module } : {}),
          settingsFile,
          reportFile,
          outputDir: work,
        });
      }
    } finally {
      clearInterval(timer);
    }
    reader.poll();
    progress.update(reader.files.size);
    progress.finish();
    const summary = summarize(discovery.files, reader.reports, discovery.skipped, [...discovery.failed, ...settings.failed], transform.codemods, values.dry);
    // A copy nobody asked for and no file imports is taken back.
    if (vendor && runtime.kind === 'vendor' && !runtime.explicit && summary.files.changed === 0) vendor.undo();
    else if (vendor) summary.changedFiles.push(...vendor.written.map((file) => path.relative(process.cwd(), file)));
    summary.runtime = {
      module: runtime.kind === 'import' ? runtime.helper : path.relative(process.cwd(), vendor?.module ?? runtime.dir),
      vendored: runtime.kind === 'vendor',
      reason: runtime.reason,
    };
    for (const file of discovery.files) {
      const output = path.join(work, outputName(file));
      if (!existsSync(output) || !summary.changedFiles.includes(path.relative(process.cwd(), file) || file)) continue;
      const after = readFileSync(output, 'utf8');
      const relative = path.relative(process.cwd(), file).split(path.sep).join('/');
      if (values.dry) out.write(createTwoFilesPatch(`a/${relative}`, `b/${relative}`, readFileSync(file, 'utf8'), after));
      if (values.print) out.write(after);
    }
    if (values.json) out.write(`${JSON.stringify(summary, null, 2)}\n`);
    else err.write(formatSummary(summary));
    if (summary.files.failed > 0) return EXIT_FAILED;
    return values.dry && summary.files.changed > 0 ? EXIT_PENDING : EXIT_OK;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
