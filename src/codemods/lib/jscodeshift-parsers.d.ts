declare module 'jscodeshift/parser/babylon.js' {
  import type { Parser } from 'jscodeshift';
  /** jscodeshift's wrapper around `@babel/parser` with the given options. */
  export default function babylon(options?: Record<string, unknown>): Parser;
}
