/**
 * JSON with comments and trailing commas, as tsconfig files are written. A small reader for
 * when `typescript` (whose `readConfigFile` reads them) is not installed.
 */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** The index of the next character that is not white space or a comment. */
  const skipBlank = (from: number): number => {
    let j = from;
    for (;;) {
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text.startsWith('//', j)) {
        while (j < text.length && text[j] !== '\n') j++;
      } else if (text.startsWith('/*', j)) {
        const end = text.indexOf('*/', j + 2);
        j = end < 0 ? text.length : end + 2;
      } else {
        return j;
      }
    }
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, ++i);
    } else if (char === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const next = skipBlank(i);
      out += ' ';
      i = next;
    } else if (char === ',') {
      const next = skipBlank(i + 1);
      // A trailing comma: drop it.
      if (text[next] !== '}' && text[next] !== ']') out += ',';
      i = next;
    } else {
      out += char;
      i++;
    }
  }
  return JSON.parse(out);
}
