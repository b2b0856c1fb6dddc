// jscodeshift ships these modules without declarations.
declare module 'jscodeshift/src/getParser' {
  import type { Parser } from 'jscodeshift';
  export default function getParser(parserName?: string, options?: unknown): Parser;
}
