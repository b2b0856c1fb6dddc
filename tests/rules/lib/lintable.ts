/**
 * Flat-config `files` that make every JS/TS file lintable (a config whose patterns all end
 * in `*`, like `**\/*`, only applies to files something else already matches).
 */
export const LINTABLE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
