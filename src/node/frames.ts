import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Creation stacks: captured unformatted (V8 formats `stack` on first read, which costs several
 * times the capture), formatted only for work a report may name, then read frame by frame: which
 * frames are the user's code, which a library's (`node_modules`, Node's own `node:` modules, this
 * package's runtime), which built-ins (`new Promise`, `Array.map`).
 */

/** Frames kept per stack: enough to see past a library's layers (undici's `fetch`: 13) to the user's code. */
const LIMIT = 48;

/** A stack captured but not yet formatted (`stack`), and its frames once read. */
export interface Stack {
  stack?: string;
  frames?: Frame[];
}

export interface Frame {
  /** The frame as V8 prints it, without the leading spaces: `at fetch (node:internal/...:72:12)`. */
  readonly text: string;
  /** The function, as V8 names it (`fetch`, `Object.get`, `new Promise`), if any. */
  readonly name: string | undefined;
  /** `file:line:column`, for frames that have a file. */
  readonly location: string | undefined;
  readonly file: string | undefined;
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

const FRAME = /^at (?:async )?(?:(.*?) \((.*)\)|(.*))$/;
const LOCATION = /^(.*):\d+:\d+$/;

function parseFrame(text: string): Frame {
  const match = FRAME.exec(text);
  const name = match?.[1];
  const place = match?.[2] ?? match?.[3] ?? '';
  const file = LOCATION.exec(place)?.[1];
  return { text, name, location: file === undefined ? undefined : place, file };
}

/**
 * The frames of `stack`, innermost first, without the async_hooks machinery that called the
 * detector's hook (`emitInitNative`, `promiseInitHook`, ...).
 */
export function framesOf(stack: Stack): Frame[] {
  if (stack.frames === undefined) {
    const lines = (stack.stack ?? '').split('\n');
    const frames: Frame[] = [];
    for (let i = 1; i < lines.length; i++) {
      const frame = parseFrame(lines[i]!.trim());
      if (frames.length === 0 && frame.file === 'node:internal/async_hooks') continue;
      frames.push(frame);
    }
    stack.frames = frames;
  }
  return stack.frames;
}

/** The folder of the runtime that publishes task events, learnt from the first task stack read. */
let runtimeDir: string | undefined;

function dirOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')));
}

/**
 * A task's stack (captured in the `taskgroup:task:start` subscriber) from the runtime's `Scope.add`
 * on, below its publisher (`traceTask`); learns the runtime's folder on the way.
 */
export function taskFrames(stack: Stack): Frame[] {
  const frames = framesOf(stack);
  const publisher = frames.findIndex((frame) => frame.name === 'traceTask');
  if (publisher < 0) return frames;
  const file = frames[publisher]!.file;
  if (file !== undefined) runtimeDir ??= dirOf(file);
  return frames.slice(publisher + 1);
}

export function isBuiltin(frame: Frame): boolean {
  return frame.file === undefined;
}

/** Node's own modules, `node_modules`, and the TaskGroup runtime: never reported on their own. */
export function isLibrary(frame: Frame): boolean {
  const file = frame.file;
  if (file === undefined) return false;
  return file.startsWith('node:') || /[\\/]node_modules[\\/]/.test(file) || (runtimeDir !== undefined && dirOf(file) === runtimeDir);
}

export function isRuntime(frame: Frame): boolean {
  return frame.file !== undefined && runtimeDir !== undefined && dirOf(frame.file) === runtimeDir;
}

export function isUser(frame: Frame): boolean {
  return frame.file !== undefined && !isLibrary(frame);
}

/** The index of the innermost frame of the user's code, or -1 when the stack has none. */
export function userIndex(frames: readonly Frame[]): number {
  return frames.findIndex(isUser);
}

/**
 * What the user's code called at `frames[user]`: the function of the frame just above it
 * (`fetch`, `setTimeout`, `new Promise`), without V8's receiver prefixes.
 */
export function calleeName(frames: readonly Frame[], user: number): string | undefined {
  const above = frames[user - 1]?.name;
  return above?.replace(/^(?:Object|Function)\./, '').replace(/ \[as .*\]$/, '');
}

/** `file:line:column` of a frame, relative to the working folder when under it. */
export function siteOf(frame: Frame): string | undefined {
  const location = frame.location;
  if (location === undefined) return undefined;
  const path = location.startsWith('file://') ? safeFilePath(location) : location;
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') || relativePath.startsWith(sep) ? path : relativePath;
}

function safeFilePath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/** Frames shown in a report: from the innermost user frame's caller side, up to the detector's entry. */
const SHOWN = 12;

export function formatStack(frames: readonly Frame[], from: number): string {
  const entry = frames.findIndex((frame) => frame.text.startsWith('at AsyncLocalStorage.run '));
  const end = Math.min(entry < from ? frames.length : entry, from + SHOWN);
  return frames
    .slice(from, end)
    .map((frame) => `    ${frame.text}`)
    .join('\n');
}

/** A frame without its position: the function, and the file it is in. */
function functionOf(frame: Frame): string {
  return frame.text.replace(/:\d+:\d+(\)?)$/, '$1');
}

/**
 * Whether `inner` was created while the call that created `outer` was running: `outer`'s first
 * frame (`new Promise` for an executor, the runtime's `Scope.add` for a task, `setTimeout` for a
 * timer) appears in `inner` at some depth, and the frames below it are the same calls (same
 * positions) as below `outer`'s.
 */
export function createdInside(inner: readonly Frame[], outer: readonly Frame[]): boolean {
  const head = outer[0];
  if (head === undefined || outer.length < 2) return false;
  const fn = functionOf(head);
  for (let depth = 1; depth < inner.length - 1; depth++) {
    if (functionOf(inner[depth]!) !== fn) continue;
    const below = Math.min(inner.length - depth - 1, outer.length - 1);
    let same = true;
    for (let i = 1; i <= below && same; i++) same = inner[depth + i]!.text === outer[i]!.text;
    if (same) return true;
  }
  return false;
}

/**
 * The frames from `from` to `to`, as one string: two stacks with equal keys were made by the same
 * calls there. (Compare a few frames, not whole stacks: a deeper stack is cut shorter by the limit.)
 */
export function keyOf(frames: readonly Frame[], from: number, to: number): string {
  let key = '';
  const end = Math.min(to, frames.length);
  for (let i = from; i < end; i++) key += `${frames[i]!.text}\n`;
  return key;
}
