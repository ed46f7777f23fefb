/**
 * A minimal, correct PDF 1.4 writer for text-only documents: A4 pages, the standard Helvetica fonts
 * (WinAnsiEncoding, no embedding), one content stream per page, and a cross-reference table with exact byte
 * offsets. Pure: returns the file's bytes.
 */

export type PdfLine = { text: string; size?: number; bold?: boolean; indent?: number; gapBefore?: number };

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 50;
const FOOTER = 30;

/** Unicode → WinAnsi for the characters Carebook writes; anything else becomes '?'. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '™': 0x99,
};
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≤': '<=', '≥': '>=', '≠': '!=' };

/** Text as WinAnsi byte codes (each < 256). */
export function toWinAnsi(text: string): number[] {
  const codes: number[] = [];
  for (const ch of text) {
    const replaced = REPLACEMENTS[ch];
    if (replaced !== undefined) {
      for (const r of replaced) codes.push(r.charCodeAt(0));
      continue;
    }
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) codes.push(code);
    else if (WIN_ANSI[ch] !== undefined) codes.push(WIN_ANSI[ch]);
    else if (code === 0x09) codes.push(0x20);
    else codes.push(0x3f);
  }
  return codes;
}

/** A PDF literal string: ( ) \ escaped, bytes outside printable ASCII as octal escapes. */
function literal(text: string): string {
  let out = '(';
  for (const code of toWinAnsi(text)) {
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(code);
  }
  return `${out})`;
}

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      const at = cut > width / 3 ? cut : width;
      lines.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
    lines.push(rest);
  }
  return lines;
}

/** Helvetica averages about half an em per character; wrap a little short of the margin. */
export function charsPerLine(size: number, indent = 0): number {
  return Math.floor((PAGE_WIDTH - 2 * MARGIN - indent) / (size * 0.55));
}

/** Lays the lines out on as many pages as they need, with "Page i of n" at the foot of each. */
export function renderPdf(title: string, lines: readonly PdfLine[]): Uint8Array {
  const pages: string[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const size = line.size ?? 10;
    const leading = size * 1.35 + (line.gapBefore ?? 0);
    if (y - leading < MARGIN + FOOTER && pages.at(-1)!.length > 0) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= leading;
    const font = line.bold ? 'F2' : 'F1';
    pages
      .at(-1)!
      .push(
        `BT /${font} ${size} Tf ${MARGIN + (line.indent ?? 0)} ${y.toFixed(2)} Td ${literal(line.text)} Tj ET`,
      );
  }
  const count = pages.length;
  const streams = pages.map((ops, i) =>
    [
      ...ops,
      `BT /F1 8 Tf ${MARGIN} ${MARGIN / 2} Td ${literal(`${title} - page ${i + 1} of ${count}`)} Tj ET`,
    ].join('\n'),
  );

  // Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, 5 info, then per page: page, contents.
  const objects: string[] = [];
  const pageIds = streams.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${count} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${literal(title)} /Producer (Carebook) >>`;
  streams.forEach((stream, i) => {
    const pageId = pageIds[i]!;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    // The stream is ASCII only (see literal()), so its length in characters is its length in bytes.
    objects[pageId + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });

  // A binary comment after the header marks the file as binary for transfer tools.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;

  const bytes = new Uint8Array(out.length);
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}
