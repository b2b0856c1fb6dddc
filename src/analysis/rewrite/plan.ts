import type { ProgramIndex } from '../program';
import type { TextEdit } from './edits';

/** The file a rewrite is planned in: its analysis index, its text, its name, and the runtime's import specifier. */
export interface PlanFile {
  index: ProgramIndex;
  source: string;
  /** The file's path (its extension decides TypeScript annotations and `require` vs `import`). */
  filename: string;
  /** The module `TaskGroup` and `background` are imported from (`settings.taskgroup.helperModule`). */
  helperModule: string;
}

/**
 * The whole change at one site, host-neutral: the text edits (the site, the signal threading,
 * the import), what it does in words (the suggestion's message), and how far cancellation
 * reaches. Rules hand the edits to ESLint's fixer; `taskgroup migrate` applies them.
 */
export interface RewritePlan {
  /** Empty when no rewrite changes what the code does: the site is reported with no suggestion, and left. */
  edits: TextEdit[];
  /** What the change does, as the suggestion says it: "Replace `Promise.all` with `TaskGroup.all` …". */
  description: string;
  /** Some task passes its signal on to I/O; `false`: it can be cancelled only at the task boundary. */
  reachesSignal: boolean;
  /** What had to stay as it was (plain promises kept, an argument that is not an array), for the summary. */
  left?: string;
}
