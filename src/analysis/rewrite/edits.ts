/**
 * Text edits: how every rewrite is expressed (host-neutral). Rules hand them to ESLint's
 * fixer, the codemods apply them with `applyEdits`; both through `applyEdits`, the one place
 * that decides how edits combine.
 */

/** A replacement of source text `[start, end)`; an insertion has `start === end`. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/** An insertion of `text` at `at`. */
export function insertAt(at: number, text: string): TextEdit {
  return { range: [at, at], text };
}

/** A replacement of `[start, end)` by `text`. */
export function replaceRange(range: readonly [number, number], text: string): TextEdit {
  return { range: [range[0], range[1]], text };
}

/**
 * Applies edits to `text`, whose first character is at offset `offset` of the file the
 * ranges refer to. Edits must not overlap, except that insertions may sit at the start or
 * the end of a replacement: at one point, insertions go first (in the order given), then
 * the replacement. Throws on overlapping edits (a planning bug, never silently merged).
 */
export function applyEdits(text: string, edits: readonly TextEdit[], offset = 0): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) =>
        a.edit.range[0] - b.edit.range[0] ||
        Number(a.edit.range[1] > a.edit.range[0]) - Number(b.edit.range[1] > b.edit.range[0]) ||
        a.order - b.order,
    );
  let out = '';
  let at = offset;
  for (const { edit } of ordered) {
    const [start, end] = edit.range;
    if (start < at) throw new Error(`Overlapping edits at offset ${start}`);
    out += text.slice(at - offset, start - offset) + edit.text;
    at = end;
  }
  return out + text.slice(at - offset);
}

/** The smallest range that covers every edit, and the text that replaces it: one fix, the same bytes as `applyEdits`. */
export function mergeEdits(source: string, edits: readonly TextEdit[]): TextEdit {
  const start = Math.min(...edits.map((edit) => edit.range[0]));
  const end = Math.max(...edits.map((edit) => edit.range[1]));
  return { range: [start, end], text: applyEdits(source.slice(start, end), edits, start) };
}
