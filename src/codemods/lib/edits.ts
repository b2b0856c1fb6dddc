import type { TextEdit } from '../../analysis/signal-placement.js';

export type { TextEdit };

/** An insertion of `text` at `at`. */
export function insertAt(at: number, text: string): TextEdit {
  return { range: [at, at], text };
}

/**
 * Applies edits to `source` (ranges in `source`). Edits must not overlap, except that
 * insertions may sit at the start of a replacement: the insertion then goes before the
 * replaced text; insertions at one point keep the order they were given in.
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) =>
      a.edit.range[0] - b.edit.range[0] ||
      // at one point: insertions first (in their order), then the replacement
      Number(a.edit.range[1] > a.edit.range[0]) - Number(b.edit.range[1] > b.edit.range[0]) ||
      a.order - b.order,
    );
  let out = '';
  let at = 0;
  for (const { edit } of ordered) {
    const [start, end] = edit.range;
    if (start < at) throw new Error(`overlapping edits at ${start}`);
    out += source.slice(at, start) + edit.text;
    at = end;
  }
  return out + source.slice(at);
}
