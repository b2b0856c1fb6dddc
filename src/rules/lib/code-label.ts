/**
 * Source text as it may appear in a report message: on one line (a callee written over
 * several lines, `client\n  .jobs\n  .run`, would break every formatter's layout: stylish
 * indents each message by its position, a newline starts a line without one) and at most
 * `max` characters.
 */
export function codeLabel(text: string, max = 60): string {
  const line = text.replace(/\s*\n\s*(?=\??\.)/g, '').replace(/\s*\n\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 3)}…` : line;
}
