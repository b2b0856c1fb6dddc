/**
 * Creation stacks: captured as `at ...` lines, trimmed of the frames that only show how the
 * detector saw the promise or task (its own hook, Node internals, the runtime), then compared
 * frame by frame to tell which pending promise was created inside which.
 */

/** Frames kept per stack: enough to see past a framework's layers down to the handler. */
const LIMIT = 24;

const FRAME_FILE = /\((.*?):\d+:\d+\)$|^at (?:async )?(.*?):\d+:\d+$/;

function fileOf(frame: string): string | undefined {
  const match = FRAME_FILE.exec(frame);
  return match?.[1] ?? match?.[2];
}

function dirOf(frame: string): string | undefined {
  const file = fileOf(frame);
  if (file === undefined) return undefined;
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
}

/** Node's own frames, and frames without a file (`new Promise (<anonymous>)`, `Array.map`). */
function isInternal(frame: string): boolean {
  const file = fileOf(frame);
  return file === undefined || file.startsWith('node:internal') || file === 'node:diagnostics_channel';
}

/** The folder of the runtime that publishes task events, learnt from the first task seen. */
let runtimeDir: string | undefined;

/**
 * A stack captured but not yet formatted: V8 formats `stack` on first read, which costs several
 * times the capture, so only the stacks of work still pending at report time are ever formatted.
 */
export interface Stack {
  stack?: string;
  lines?: string[];
}

/** Captures the stack below `caller` (the detector's hook: it and what called it are left out). */
export function captureStack(caller: (...args: never[]) => unknown): Stack {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = LIMIT;
  const stack: Stack = {};
  Error.captureStackTrace(stack, caller);
  Error.stackTraceLimit = limit;
  return stack;
}

function linesOf(stack: Stack): string[] {
  if (stack.lines === undefined) {
    const lines = (stack.stack ?? '').split('\n');
    stack.lines = [];
    for (let i = 1; i < lines.length; i++) stack.lines.push(lines[i]!.trim());
  }
  return stack.lines;
}

/** Where a promise was created (captured in the promise hook): Node's hook frames left out. */
export function promiseFrames(stack: Stack): string[] {
  const frames = linesOf(stack);
  let start = 0;
  while (start < frames.length && frames[start]!.includes('node:internal')) start++;
  return frames.slice(start);
}

/**
 * Where a task was spawned (captured in the `taskgroup:task:start` subscriber): the frames from
 * the runtime's `Scope.add` (below its publisher, `traceTask`) on, and the index of the first
 * frame of the code that called the runtime.
 */
export function taskFrames(stack: Stack): { frames: string[]; user: number } {
  const captured = linesOf(stack);
  const publisher = captured.findIndex((frame) => /\btraceTask\b/.test(frame));
  if (publisher < 0) return { frames: captured, user: 0 };
  runtimeDir ??= dirOf(captured[publisher]!);
  const frames = captured.slice(publisher + 1);
  let user = 0;
  while (user < frames.length && isRuntime(frames[user]!)) user++;
  return { frames, user };
}

export function runtimeKnown(): boolean {
  return runtimeDir !== undefined;
}

function isRuntime(frame: string): boolean {
  return isInternal(frame) || (runtimeDir !== undefined && dirOf(frame) === runtimeDir);
}

/** A promise the runtime made for its own bookkeeping (a `spawn` result, a combinator's promise). */
export function createdByRuntime(frames: readonly string[]): boolean {
  for (const frame of frames) if (!isInternal(frame)) return runtimeDir !== undefined && dirOf(frame) === runtimeDir;
  return false;
}

/** Frames shown in a report: the ones above the detector's entry (`AsyncLocalStorage.run`). */
const SHOWN = 12;

export function formatStack(frames: readonly string[]): string {
  const entry = frames.findIndex((frame) => frame.startsWith('at AsyncLocalStorage.run '));
  const shown = frames.slice(0, Math.min(entry < 0 ? frames.length : entry, SHOWN));
  return shown.map((frame) => `    ${frame}`).join('\n');
}

/** A frame without its position: the function, and the file it is in. */
function functionOf(frame: string): string {
  return frame.replace(/:\d+:\d+(\)?)$/, '$1');
}

/**
 * Whether `inner` was created while the call that created `outer` was running: `outer`'s first
 * frame (the async function itself, `new Promise` for an executor, the runtime's `Scope.add` for
 * a task) appears in `inner` at some depth, and the frames below it are the same calls (same
 * positions) as below `outer`'s.
 */
export function createdInside(inner: readonly string[], outer: readonly string[]): boolean {
  const head = outer[0];
  if (head === undefined || outer.length < 2) return false;
  const fn = functionOf(head);
  for (let depth = 1; depth < inner.length - 1; depth++) {
    if (functionOf(inner[depth]!) !== fn) continue;
    const below = Math.min(inner.length - depth - 1, outer.length - 1);
    let same = true;
    for (let i = 1; i <= below && same; i++) same = inner[depth + i] === outer[i];
    if (same) return true;
  }
  return false;
}
