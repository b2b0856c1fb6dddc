import type { BackgroundKind } from './contexts';

/**
 * How a background API's callee is recognised.
 * - `export`: an export of one of `sources` (ESM or CommonJS, renamed, namespace or
 *   default import); `path` below the module object, e.g. `['CronJob', 'from']`.
 * - `global`: an unshadowed global (`setTimeout`, `process.nextTick`), also through
 *   `globalThis.` and, when `sources` is given, imported from those modules.
 * - `method`: any `<x>.name(...)`; with `inModuleImporting`, only in a file that
 *   imports or requires one of those modules; with `receiver`, only when `<x>`'s last
 *   name matches it (`websocketQueue()`, `this.emailQueue`, `queue`).
 */
export type CalleeMatcher =
  | { type: 'export'; sources: readonly string[]; path: readonly string[] }
  | { type: 'global'; path: readonly string[]; sources?: readonly string[] }
  | { type: 'method'; name: string; inModuleImporting?: readonly string[]; receiver?: RegExp };

export interface CallbackApi {
  kind: BackgroundKind;
  /** What a combinator in the callback is "in" — `{event}` is replaced by the first string argument. */
  label: string;
  callee: CalleeMatcher;
  /** `new X(...)` instead of `X(...)`. */
  construct?: boolean;
  /** Index of the first argument that can be a callback (earlier ones are names, paths, schedules). */
  firstCallback?: number;
  /** The first argument must be one of these strings (Fastify hook names). */
  firstArgument?: readonly string[];
  /** Not when the first argument is one of these strings (`server.on('request', ...)` is a request handler). */
  notFirstArgument?: readonly string[];
  /** Properties of an object-literal argument whose values are callbacks (`CronJob.from({ onTick })`). */
  callbackKeys?: readonly string[];
  /** Only the last argument can be the callback, and not when it is a literal (`queue.process(name, 5, fn)`). */
  lastCallback?: boolean;
}

/** Modules whose `setTimeout`/`setInterval` are the global timers' (`unlimited-timeout`: the same API, no 24.8-day limit). */
const TIMER_SOURCES = ['timers', 'node:timers', 'unlimited-timeout'];
const PROCESS_SOURCES = ['process', 'node:process'];
/**
 * A cron job of any wrapper: an object literal with `CRON_JOB_OBJECT_KEY`, given to any call,
 * has its `CRON_JOB_CALLBACK_KEYS` run as the job (`cron`'s `{ cronTime, onTick }`, NodeBB's
 * `cron.addJob({ name, cronTime, onTick })`).
 */
export const CRON_JOB_OBJECT_KEY = 'cronTime';
export const CRON_JOB_CALLBACK_KEYS: readonly string[] = ['onTick', 'onComplete'];
export const CRON_JOB_LABEL = 'a cron job';
/** A receiver named like a queue: `queue`, `this.emailQueue`, `websocketQueue()`. */
export const QUEUE_RECEIVER = /queue$/i;
/**
 * Events whose listeners handle a request or a client's connection (Node's HTTP servers,
 * `net`, socket.io and `ws` servers): request-path code, not background work.
 */
export const REQUEST_EVENTS = ['request', 'checkContinue', 'checkExpectation', 'stream', 'connection'];

/** Calls and constructors whose function arguments run detached from any request (DESIGN.md, "Background handlers"). */
export const CALLBACK_APIS: readonly CallbackApi[] = [
  { kind: 'next-after', label: 'a Next.js after() callback', callee: { type: 'export', sources: ['next/server'], path: ['after'] } },
  {
    kind: 'next-after',
    label: 'a Next.js unstable_after() callback',
    callee: { type: 'export', sources: ['next/server'], path: ['unstable_after'] },
  },
  { kind: 'wait-until', label: 'a waitUntil() callback', callee: { type: 'export', sources: ['@vercel/functions'], path: ['waitUntil'] } },
  { kind: 'wait-until', label: 'a waitUntil() callback', callee: { type: 'method', name: 'waitUntil' } },
  ...['setTimeout', 'setInterval', 'setImmediate'].map(
    (name): CallbackApi => ({ kind: 'timer', label: `a ${name}() callback`, callee: { type: 'global', path: [name], sources: TIMER_SOURCES } }),
  ),
  { kind: 'timer', label: 'a queueMicrotask() callback', callee: { type: 'global', path: ['queueMicrotask'] } },
  {
    kind: 'timer',
    label: 'a process.nextTick() callback',
    callee: { type: 'global', path: ['process', 'nextTick'], sources: PROCESS_SOURCES },
  },
  {
    kind: 'queue-worker',
    label: 'a BullMQ worker',
    callee: { type: 'export', sources: ['bullmq'], path: ['Worker'] },
    construct: true,
    firstCallback: 1,
  },
  { kind: 'queue-worker', label: 'a Bull queue processor', callee: { type: 'method', name: 'process', inModuleImporting: ['bull'] } },
  { kind: 'queue-worker', label: 'a Bee-Queue processor', callee: { type: 'method', name: 'process', inModuleImporting: ['bee-queue'] } },
  // A Bull or Bee-Queue queue made in another module (`websocketQueue().process(fn)`, the factory imported from `../queues`).
  {
    kind: 'queue-worker',
    label: 'a queue processor',
    callee: { type: 'method', name: 'process', receiver: QUEUE_RECEIVER },
    lastCallback: true,
  },
  {
    kind: 'scheduled-job',
    label: 'an Agenda job',
    callee: { type: 'method', name: 'define', inModuleImporting: ['agenda', '@hokify/agenda'] },
    firstCallback: 1,
  },
  { kind: 'scheduled-job', label: 'a node-cron job', callee: { type: 'export', sources: ['node-cron'], path: ['schedule'] } },
  { kind: 'scheduled-job', label: 'a node-schedule job', callee: { type: 'export', sources: ['node-schedule'], path: ['scheduleJob'] } },
  {
    kind: 'scheduled-job',
    label: CRON_JOB_LABEL,
    callee: { type: 'export', sources: ['cron'], path: ['CronJob'] },
    construct: true,
    callbackKeys: CRON_JOB_CALLBACK_KEYS,
  },
  {
    kind: 'scheduled-job',
    label: CRON_JOB_LABEL,
    callee: { type: 'export', sources: ['cron'], path: ['CronJob', 'from'] },
    callbackKeys: CRON_JOB_CALLBACK_KEYS,
  },
  ...['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener'].map(
    (name): CallbackApi => ({
      kind: 'event-listener',
      label: 'a {event} event listener',
      callee: { type: 'method', name },
      firstCallback: 1,
      notFirstArgument: REQUEST_EVENTS,
    }),
  ),
  // Service workers and browsers: the global `addEventListener('install', ...)`.
  {
    kind: 'event-listener',
    label: 'a {event} event listener',
    callee: { type: 'global', path: ['addEventListener'] },
    firstCallback: 1,
    notFirstArgument: ['fetch'], // a service worker's fetch listener answers a request
  },
  ...['onResponse', 'onClose'].map(
    (hook): CallbackApi => ({
      kind: 'fastify-hook',
      label: `a Fastify ${hook} hook`,
      callee: { type: 'method', name: 'addHook' },
      firstArgument: [hook],
      firstCallback: 1,
    }),
  ),
];

export interface DecoratorApi {
  label: string;
  /** The decorator's export and its modules. */
  name: string;
  sources: readonly string[];
  /** A class decorator: the background method is this one (`@Processor` → `process`). */
  classMethod?: string;
}

/** Decorators that make a method a background handler. */
export const DECORATOR_APIS: readonly DecoratorApi[] = [
  { name: 'Cron', sources: ['@nestjs/schedule'], label: 'a NestJS @Cron job' },
  { name: 'Interval', sources: ['@nestjs/schedule'], label: 'a NestJS @Interval job' },
  { name: 'Timeout', sources: ['@nestjs/schedule'], label: 'a NestJS @Timeout job' },
  { name: 'OnEvent', sources: ['@nestjs/event-emitter'], label: 'a NestJS @OnEvent listener' },
  { name: 'Process', sources: ['@nestjs/bull'], label: 'a NestJS @Process queue processor' },
  { name: 'OnWorkerEvent', sources: ['@nestjs/bullmq'], label: 'a NestJS @OnWorkerEvent listener' },
  { name: 'Processor', sources: ['@nestjs/bullmq'], label: 'a NestJS BullMQ processor', classMethod: 'process' },
  { name: 'EventPattern', sources: ['@nestjs/microservices'], label: 'a NestJS @EventPattern handler' },
  { name: 'MessagePattern', sources: ['@nestjs/microservices'], label: 'a NestJS @MessagePattern handler' },
  { name: 'ActivityMethod', sources: ['nestjs-temporal-core'], label: 'a Temporal activity (@ActivityMethod)' },
];

/**
 * Job classes: a class that extends one named like this has its `JOB_METHODS` run by a queue
 * (`class BacklinksProcessor extends BaseProcessor { async perform(event) {…} }`).
 */
export const JOB_BASE_CLASS = /(Task|Processor|Job|Worker|Consumer)$/;
export const JOB_METHODS: ReadonlySet<string> = new Set(['perform', 'process', 'handle', 'execute', 'run']);

/** The handlers of a Cloudflare Workers `export default { ... }` module that run outside any request. */
export const CLOUDFLARE_HANDLERS: Readonly<Record<string, string>> = {
  scheduled: 'a Cloudflare Workers scheduled() handler',
  queue: 'a Cloudflare Workers queue() handler',
};

/** Methods of an Express/Fastify-like app or router that register a request handler. */
export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use']);

/** Parameter names that mark a function's second parameter as the response... */
export const RESPONSE_PARAMETER_NAMES = new Set(['res', 'response', 'reply']);
/** ...when its first parameter is named like a request (not `(err, res)` callbacks). */
export const REQUEST_PARAMETER_PATTERN = /^_?(req|request)$/i;

/** Methods that send the response: statements after them run after the client got its answer. */
export const RESPONSE_SEND_METHODS = new Set(['send', 'json', 'end', 'sendStatus', 'redirect', 'render']);

export const AFTER_RESPONSE_LABEL = 'code after the response is sent';
