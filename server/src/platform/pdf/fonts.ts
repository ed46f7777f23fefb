import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans (from the `dejavu-fonts-ttf` npm package), embedded in every PDF: full Latin, Latin Extended
 * and Vietnamese coverage in one file, so "Nguyễn Thị Ánh" and "Łucja" print as written. Read once.
 */
export type PdfFonts = { regular: Uint8Array; bold: Uint8Array };

let fonts: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    fonts = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  }
  return fonts;
}
