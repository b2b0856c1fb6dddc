import type { TextEdit } from '../../analysis/rewrite/edits.js';

/**
 * The edits applied to a file so far, to say where something in the current text was in
 * the input: the summary names sites by their line in the file as the user wrote it.
 */
export class EditHistory {
  private readonly batches: { start: number; end: number; length: number }[][] = [];

  constructor(private readonly input: string) {}

  /** Records one batch of non-overlapping edits, applied together. */
  push(edits: readonly TextEdit[]): void {
    this.batches.push(
      [...edits]
        .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])
        .map((edit) => ({ start: edit.range[0], end: edit.range[1], length: edit.text.length })),
    );
  }

  /** Where offset `at` of the current text was in the input (inserted text maps to where it was inserted). */
  original(at: number): number {
    let position = at;
    for (let i = this.batches.length - 1; i >= 0; i--) {
      let delta = 0;
      let mapped: number | undefined;
      for (const edit of this.batches[i]!) {
        const start = edit.start + delta;
        if (position < start) break;
        if (position < start + edit.length) {
          mapped = edit.start;
          break;
        }
        delta += edit.length - (edit.end - edit.start);
      }
      position = mapped ?? position - delta;
    }
    return position;
  }

  /** The input's 1-based line of offset `at` of the current text. */
  line(at: number): number {
    const original = this.original(at);
    let line = 1;
    for (let i = this.input.indexOf('\n'); i !== -1 && i < original; i = this.input.indexOf('\n', i + 1)) line += 1;
    return line;
  }
}
