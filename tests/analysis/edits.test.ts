import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, insertAt, mergeEdits, replaceRange, type TextEdit } from '../../src/analysis/rewrite/edits';
import { EditHistory } from '../../src/codemods/lib/history';

/** Random non-overlapping edits on a text: replacements and insertions, any order. */
const editsOn = (text: string) =>
  fc
    .array(fc.tuple(fc.nat(text.length), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 6 })
    .map((raw) => {
      const edits: TextEdit[] = [];
      let taken = -1;
      for (const [start, length, insert] of [...raw].sort((a, b) => a[0] - b[0])) {
        if (start <= taken) continue;
        const end = Math.min(text.length, start + length);
        edits.push({ range: [start, end], text: insert });
        taken = end > start ? end - 1 : start;
      }
      return edits;
    });

describe('the one edit applier', () => {
  it('applies edits like applying them one by one from the end', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }).chain((text) => fc.tuple(fc.constant(text), editsOn(text), fc.boolean())),
        ([text, edits, shuffle]) => {
          let expected = text;
          for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) expected = expected.slice(0, edit.range[0]) + edit.text + expected.slice(edit.range[1]);
          expect(applyEdits(text, shuffle ? [...edits].reverse() : edits)).toBe(expected);
          if (edits.length > 0) {
            const merged = mergeEdits(text, edits);
            expect(text.slice(0, merged.range[0]) + merged.text + text.slice(merged.range[1])).toBe(expected);
          }
        },
      ),
    );
  });

  it('puts insertions at one point in the order given, before a replacement there; refuses overlaps', () => {
    expect(applyEdits('abc', [replaceRange([1, 2], 'B'), insertAt(1, '1'), insertAt(1, '2')])).toBe('a12Bc');
    expect(applyEdits('abc', [insertAt(3, '!'), replaceRange([0, 3], 'x')])).toBe('x!');
    expect(() => applyEdits('abcdef', [replaceRange([1, 4], 'x'), replaceRange([3, 5], 'y')])).toThrow('Overlapping edits');
  });

  it('maps positions of the edited text back to the input (the summary names input lines)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }).chain((text) => fc.tuple(fc.constant(text), editsOn(text))),
        ([text, edits]) => {
          const history = new EditHistory(text);
          history.push(edits);
          const output = applyEdits(text, edits);
          // Every character no edit touched maps back to itself.
          let shift = 0;
          let next = 0;
          const ordered = [...edits].sort((a, b) => a.range[0] - b.range[0]);
          for (let i = 0; i < text.length; i++) {
            while (next < ordered.length && ordered[next]!.range[0] <= i && (ordered[next]!.range[1] <= i || ordered[next]!.range[0] === ordered[next]!.range[1])) {
              shift += ordered[next]!.text.length - (ordered[next]!.range[1] - ordered[next]!.range[0]);
              next += 1;
            }
            const inside = ordered.some((edit) => edit.range[0] <= i && i < edit.range[1]);
            if (!inside) {
              expect(output[i + shift]).toBe(text[i]);
              expect(history.original(i + shift)).toBe(i);
            }
          }
        },
      ),
    );
  });
});
