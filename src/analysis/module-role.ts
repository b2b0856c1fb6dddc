import { type Node, isCall, isDirective, isFunctionNode, isIdentifier, isMember, unwrap } from './ast';
import type { ProgramIndex } from './program';

/**
 * Where a module runs, as far as its text tells:
 * - `client`: browser/UI code — a `'use client'` directive or an import of `client-only`; or,
 *   with nothing saying it is server code, UI signals: JSX, an import of a UI library (React,
 *   Vue, jQuery, SWR, Next.js's client navigation, client state stores such as MobX), DOM globals (`document.x`, `window.x`,
 *   `navigator.x`, `localStorage`), an AMD `define([...], fn)` module;
 * - `server`: a `'use server'` directive, an import of `server-only`, or of a server framework,
 *   queue or runtime API (Express, Koa, Fastify, Hono, NestJS, `next/server`, BullMQ, `node:*`...);
 * - `test`: a test file — it imports a test runner (`vitest`, `@jest/globals`, `mocha`,
 *   `node:test`, `ava`, `@playwright/test`) or calls `describe`/`it`/`test` at its top level;
 * - `tooling`: a task-runner definition — Grunt's `module.exports = function (grunt) {…}`, a
 *   module importing `gulp` or `grunt`: the developer's build, not the application;
 * - `unknown`: none of these (plain library code, shared helpers).
 * The explicit markers win over the signals, test files over both, server signals over UI ones.
 */
export type ModuleRole = 'client' | 'server' | 'test' | 'tooling' | 'unknown';

/** Does the module say it is server code itself: `'use server'`, or an import of `server-only`? */
export function declaresServerOnly(index: ProgramIndex): boolean {
  return directivesOf(index).includes('use server') || index.importsModule('server-only');
}

const TEST_MODULES = ['vitest', '@jest/globals', 'mocha', 'node:test', 'ava', '@playwright/test', 'bun:test'];
const TEST_CALLS = new Set(['describe', 'it', 'test', 'suite']);

function isTestModule(index: ProgramIndex): boolean {
  if (index.importsModule(...TEST_MODULES)) return true;
  return index.program.body.some((statement) => {
    const expression = statement.type === 'ExpressionStatement' ? unwrap(statement.expression) : undefined;
    const callee = isCall(expression) ? unwrap(expression.callee) : undefined;
    const root = isMember(callee) ? unwrap(callee.object) : callee;
    return isIdentifier(root) && TEST_CALLS.has(root.name) && index.isGlobal(root);
  });
}

/** Grunt's `module.exports = function (grunt) {…}`, or an import of a task runner. */
function isTaskRunnerModule(index: ProgramIndex): boolean {
  if (index.importsModule('gulp', 'grunt')) return true;
  return index.program.body.some((statement) => {
    const expression = statement.type === 'ExpressionStatement' ? unwrap(statement.expression) : undefined;
    if (expression?.type !== 'AssignmentExpression' || !isMember(expression.left) || !isIdentifier(unwrap(expression.left.object), 'module')) return false;
    const value = unwrap(expression.right);
    return isFunctionNode(value) && isIdentifier(value.params[0], 'grunt');
  });
}

function directivesOf(index: ProgramIndex): string[] {
  return index.program.body.flatMap((statement) => (isDirective(statement) && statement.directive !== undefined ? [statement.directive] : []));
}

/** Imports that make a module UI code (when nothing marks it as server code). */
const UI_MODULES = [
  'react', 'react-dom', 'react-dom/client', 'next/navigation', 'next/router', 'next/link', 'next/dynamic', 'swr', 'swr/mutation',
  '@tanstack/react-query', 'vue', 'vue-router', 'pinia', 'jquery', 'svelte', 'mobx-react', 'mobx-react-lite', 'react-router',
  'react-router-dom', 'prosemirror-view', 'prosemirror-state', 'socket.io-client', 'sonner', 'react-hot-toast', 'mobx', 'mobx-state-tree',
  'zustand', 'jotai', 'recoil', '@sentry/react', '@sentry/browser', 'bootbox', 'bootstrap',
];
/** Prefixes of server-only modules: a module importing one of these runs on a server. */
const SERVER_PREFIXES = ['node:', '@nestjs/', '@fastify/', '@koa/', '@hono/', '@temporalio/', '@vercel/functions', '@upstash/qstash'];
const SERVER_MODULES = [
  'server-only', 'next/server', 'next/headers', 'express', 'koa', 'koa-router', 'fastify', 'hono', 'bull', 'bullmq', 'bee-queue', 'agenda',
  'node-cron', 'cron', 'croner', 'fs', 'fs/promises', 'child_process', 'http', 'https', 'net', 'worker_threads', 'cluster', 'ioredis',
  'redis', 'pg', 'mysql2', 'sequelize', 'sequelize-typescript', 'mongoose', 'mongodb', '@prisma/client', 'nodemailer', 'socket.io',
  'path', 'os', 'crypto', 'dns', 'zlib', 'stream', 'readline', 'winston', 'nconf', 'pino', 'bcrypt', 'bcryptjs', 'jsonwebtoken', 'passport',
  'multer', 'sharp', 'knex', 'typeorm', 'drizzle-orm', 'kysely', 'postgres', 'better-sqlite3', 'sqlite3', 'redbean-node', 'unlimited-timeout',
];
/** Browser globals whose properties only UI code touches. */
const DOM_GLOBALS = new Set(['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'ajaxify']);

const roles = new WeakMap<ProgramIndex, ModuleRole>();

/** The role of the file (computed once per file). */
export function moduleRole(index: ProgramIndex): ModuleRole {
  let role = roles.get(index);
  if (!role) {
    role = computeRole(index);
    roles.set(index, role);
  }
  return role;
}

function computeRole(index: ProgramIndex): ModuleRole {
  if (directivesOf(index).includes('use client') || index.importsModule('client-only')) return 'client';
  if (declaresServerOnly(index)) return 'server';
  if (isTestModule(index)) return 'test';
  if (isTaskRunnerModule(index)) return 'tooling';
  if (importsServerModule(index)) return 'server';
  if (index.importsModule(...UI_MODULES) || index.nodes.some((node) => isUiNode(node, index))) return 'client';
  return 'unknown';
}

function importsServerModule(index: ProgramIndex): boolean {
  if (index.importsModule(...SERVER_MODULES)) return true;
  return index.nodes.some((node) => {
    const source = node.type === 'ImportDeclaration' && node.importKind !== 'type' ? node.source.value : undefined;
    return source !== undefined && SERVER_PREFIXES.some((prefix) => source.startsWith(prefix));
  });
}

/** JSX, `document.x` / `window.x` on the unshadowed globals, jQuery's `$(…)`, an AMD `define([...], fn)` / `require([...], fn)`. */
function isUiNode(node: Node, index: ProgramIndex): boolean {
  if (node.type === 'JSXElement' || node.type === 'JSXFragment') return true;
  if (isMember(node)) {
    const object = unwrap(node.object);
    return isIdentifier(object) && DOM_GLOBALS.has(object.name) && index.isGlobal(object);
  }
  if (isCall(node)) {
    const callee = unwrap(node.callee);
    // jQuery's `$(...)`.
    if (isIdentifier(callee, '$')) return index.isGlobal(callee);
    // AMD: `define('name', ['deps'], fn)`, `require(['deps'], fn)`.
    return (isIdentifier(callee, 'define') || isIdentifier(callee, 'require')) && node.arguments.some((argument) => argument.type === 'ArrayExpression') && index.isGlobal(callee);
  }
  return false;
}
