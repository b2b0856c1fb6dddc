import { type Node, isCall, isDirective, isIdentifier, isMember, memberPropertyName, unwrap } from './ast';
import type { ProgramIndex } from './program';

/**
 * Where a module runs, as far as its text tells:
 * - `client`: browser/UI code — a `'use client'` directive or an import of `client-only`; or,
 *   with nothing saying it is server code, UI signals: JSX, an import of a UI library (React,
 *   Vue, jQuery, SWR, Next.js's client navigation), DOM globals (`document.x`, `window.x`,
 *   `navigator.x`, `localStorage`), an AMD `define([...], fn)` module;
 * - `server`: a `'use server'` directive, an import of `server-only`, or of a server framework,
 *   queue or runtime API (Express, Koa, Fastify, Hono, NestJS, `next/server`, BullMQ, `node:*`...);
 * - `unknown`: neither (plain library code, shared helpers).
 * The explicit markers win over the signals, server signals over UI ones.
 */
export type ModuleRole = 'client' | 'server' | 'unknown';

/** Imports that make a module UI code (when nothing marks it as server code). */
const UI_MODULES = [
  'react', 'react-dom', 'react-dom/client', 'next/navigation', 'next/router', 'next/link', 'next/dynamic', 'swr', 'swr/mutation',
  '@tanstack/react-query', 'vue', 'vue-router', 'pinia', 'jquery', 'svelte', 'mobx-react', 'mobx-react-lite', 'react-router',
  'react-router-dom', 'prosemirror-view', 'socket.io-client', 'sonner', 'react-hot-toast',
];
/** Prefixes of server-only modules: a module importing one of these runs on a server. */
const SERVER_PREFIXES = ['node:', '@nestjs/', '@fastify/', '@koa/', '@hono/', '@temporalio/', '@vercel/functions', '@upstash/qstash'];
const SERVER_MODULES = [
  'server-only', 'next/server', 'next/headers', 'express', 'koa', 'koa-router', 'fastify', 'hono', 'bull', 'bullmq', 'bee-queue', 'agenda',
  'node-cron', 'cron', 'croner', 'fs', 'fs/promises', 'child_process', 'http', 'https', 'net', 'worker_threads', 'cluster', 'ioredis',
  'redis', 'pg', 'mysql2', 'sequelize', 'sequelize-typescript', 'mongoose', 'mongodb', '@prisma/client', 'nodemailer', 'socket.io',
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
  const directives = index.program.body.filter(isDirective).map((statement) => statement.directive);
  if (directives.includes('use client') || index.importsModule('client-only')) return 'client';
  if (directives.includes('use server') || index.importsModule('server-only')) return 'server';
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

/** JSX, `document.x` / `window.x` on the unshadowed globals, an AMD `define([...], fn)` / `require([...], fn)`. */
function isUiNode(node: Node, index: ProgramIndex): boolean {
  if (node.type === 'JSXElement' || node.type === 'JSXFragment') return true;
  if (isMember(node)) {
    const object = unwrap(node.object);
    return isIdentifier(object) && DOM_GLOBALS.has(object.name) && memberPropertyName(node) !== undefined && index.isGlobal(object);
  }
  if (isCall(node)) {
    // AMD: `define('name', ['deps'], fn)`, `require(['deps'], fn)`.
    const callee = unwrap(node.callee);
    return (isIdentifier(callee, 'define') || isIdentifier(callee, 'require')) && node.arguments.some((argument) => argument.type === 'ArrayExpression') && index.isGlobal(callee);
  }
  return false;
}
