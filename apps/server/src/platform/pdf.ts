import { existsSync, readFileSync } from 'node:fs';
import type { MessageLocale } from '@ganxun/domain';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.js';

/**
 * PDF documents in Chinese (sign-in sheets, certificates, timetables). pdfkit's built-in fonts
 * (Helvetica…) have no CJK glyphs and silently print garbage, so every document is set in a CJK
 * font found here; pdfkit embeds only the glyphs a document uses, which keeps files small.
 */

/** A CJK font file and, for a collection (`.ttc`), the PostScript name of the face to use. */
export interface CjkFont {
  file: string;
  face: string | null;
}

/** Where distributions put Noto CJK (Debian/Ubuntu `fonts-noto-cjk` first); Serif is the fallback. */
const SYSTEM_FONT_DIRS = [
  '/usr/share/fonts/opentype/noto', // Debian, Ubuntu
  '/usr/share/fonts/noto-cjk', // Arch
  '/usr/share/fonts/google-noto-cjk', // Fedora
  '/usr/share/fonts/noto', // Alpine
];
const SYSTEM_FONT_FILES = ['NotoSansCJK-Regular.ttc', 'NotoSerifCJK-Regular.ttc'];

/**
 * The CJK font to use: `PDF_FONT_FILE` (with `PDF_FONT_FACE` for a collection) when set — a
 * missing file is then an error, not a silent fallback — else the system's Noto Sans CJK, else
 * Noto Serif CJK; null when there is none. Chinese (Taiwan) readers get the Traditional face of
 * the Noto collections (the same characters, in the glyph forms they are used to).
 */
export function findCjkFont(
  locale: MessageLocale = 'zh-CN',
  env: Record<string, string | undefined> = process.env,
): CjkFont | null {
  const file = env.PDF_FONT_FILE?.trim();
  if (file) {
    if (!existsSync(file)) return null;
    const face = env.PDF_FONT_FACE?.trim() || null;
    if (!face && file.toLowerCase().endsWith('.ttc')) return null;
    return { file, face };
  }
  const variant = locale === 'zh-TW' ? 'tc' : 'sc';
  for (const dir of SYSTEM_FONT_DIRS) {
    for (const name of SYSTEM_FONT_FILES) {
      const path = `${dir}/${name}`;
      if (existsSync(path)) {
        const family = name.startsWith('NotoSerif') ? 'NotoSerifCJK' : 'NotoSansCJK';
        return { file: path, face: `${family}${variant}-Regular` };
      }
    }
  }
  return null;
}

/** The CJK font, or a 503 that tells the operator what to install or set. */
export function requireCjkFont(locale: MessageLocale = 'zh-CN'): CjkFont {
  const font = findCjkFont(locale);
  if (!font) {
    throw new AppError('SERVICE_UNAVAILABLE', {
      details: {
        reason: 'pdf_font_missing',
        hint: process.env.PDF_FONT_FILE
          ? 'PDF_FONT_FILE does not exist, or is a .ttc collection without PDF_FONT_FACE'
          : 'install a CJK font (Debian: apt-get install fonts-noto-cjk) or set PDF_FONT_FILE',
      },
    });
  }
  return font;
}

/** Font files are 20–30 MB; read each once per process. */
const fontBytes = new Map<string, Buffer>();
function readFont(file: string): Buffer {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = readFileSync(file);
    fontBytes.set(file, bytes);
  }
  return bytes;
}

/** The name documents register the CJK font under (`doc.font(CJK)`). */
export const CJK = 'cjk';

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  locale: MessageLocale;
  title: string;
  layout?: 'portrait' | 'landscape';
  margin?: number;
}

/**
 * A new A4 document set in the CJK font, with pages buffered (so footers can say "page N of M"),
 * and `finish()` to end it and get the bytes. A font that cannot be opened is a 503 too.
 */
export function openPdf(options: PdfOptions): { doc: Pdf; finish: () => Promise<Buffer> } {
  const font = requireCjkFont(options.locale);
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 40,
    bufferPages: true,
    info: { Title: options.title, Creator: 'Ganxun', Producer: 'Ganxun' },
    lang: options.locale,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  try {
    if (font.face) doc.registerFont(CJK, readFont(font.file), font.face);
    else doc.registerFont(CJK, readFont(font.file));
    doc.font(CJK);
  } catch (error) {
    throw new AppError('SERVICE_UNAVAILABLE', {
      details: {
        reason: 'pdf_font_unreadable',
        hint: `cannot open ${font.file}${font.face ? ` (face ${font.face})` : ''}: ${String(error)}`.slice(
          0,
          300,
        ),
      },
    });
  }
  return {
    doc,
    finish: async () => {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

const SPACE_NEXT_TO_CJK =
  /(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]) (?=\S)|(?<=\S) (?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])/gu;

/**
 * Doubles a space next to a CJK character. CJK fonts have narrow spaces (0.22 em in Noto), which
 * text extraction (pdftotext, copy and paste, screen readers) drops there: "第 1 页" came out as
 * "第1页". (pdfkit's `wordSpacing` would widen them, but it breaks centring of CJK lines.)
 */
export function cjkSpaces(text: string): string {
  return text.replace(SPACE_NEXT_TO_CJK, '  ');
}

/**
 * Writes `value` in a box, centred vertically: shrinks the font (down to `minSize`) until it fits
 * the box, then cuts it with an ellipsis. Never moves to a new page.
 */
export function fitText(
  doc: Pdf,
  value: string,
  box: { x: number; y: number; width: number; height: number },
  options: { size: number; minSize?: number; align?: 'left' | 'center' | 'right'; padding?: number } = {
    size: 10,
  },
): void {
  if (!value) return;
  const text = cjkSpaces(value);
  const pad = options.padding ?? 3;
  const width = Math.max(1, box.width - 2 * pad);
  const height = Math.max(1, box.height - 2);
  let size = options.size;
  const minSize = options.minSize ?? Math.min(size, 7);
  const measure = () => {
    doc.fontSize(size);
    return doc.heightOfString(text, { width });
  };
  let textHeight = measure();
  while (textHeight > height && size > minSize) {
    size -= 0.5;
    textHeight = measure();
  }
  const used = Math.min(textHeight, height);
  doc.text(text, box.x + pad, box.y + (box.height - used) / 2, {
    width,
    height,
    ellipsis: true,
    align: options.align ?? 'left',
  });
}

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  columns: TableColumn[];
  rows: string[][];
  rowsPerPage: number;
  rowHeight: number;
  headerHeight?: number;
  fontSize?: number;
  /** Draws what each page starts with (titles) and returns the y where the table begins. */
  pageStart: (doc: Pdf, page: number) => number;
}

/**
 * A ruled table `rowsPerPage` rows to a page, its header row repeated on every page. A table
 * without rows still gets one page with its header. Returns the number of pages it used.
 */
export function drawTable(doc: Pdf, options: TableOptions): number {
  const { columns, rows, rowsPerPage, rowHeight } = options;
  const headerHeight = options.headerHeight ?? rowHeight;
  const size = options.fontSize ?? 10;
  const left = doc.page.margins.left;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const pages = Math.max(1, Math.ceil(rows.length / rowsPerPage));
  doc.lineWidth(0.6).strokeColor('#000000').fillColor('#000000');

  const drawRow = (cells: string[], y: number, height: number, header: boolean) => {
    let x = left;
    if (header) doc.rect(left, y, width, height).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
    columns.forEach((column, i) => {
      doc.rect(x, y, column.width, height).stroke();
      fitText(
        doc,
        cells[i] ?? '',
        { x, y, width: column.width, height },
        { size: header ? size + 0.5 : size, align: header ? 'center' : (column.align ?? 'left') },
      );
      x += column.width;
    });
  };

  for (let page = 0; page < pages; page += 1) {
    if (page > 0) doc.addPage();
    let y = options.pageStart(doc, page);
    drawRow(
      columns.map((c) => c.header),
      y,
      headerHeight,
      true,
    );
    y += headerHeight;
    for (const row of rows.slice(page * rowsPerPage, (page + 1) * rowsPerPage)) {
      drawRow(row, y, rowHeight, false);
      y += rowHeight;
    }
  }
  return pages;
}

/**
 * Writes a footer on every buffered page (`text(n, total)`, 1-based), inside the bottom margin;
 * call it once all pages exist. The bottom margin is lifted while writing so pdfkit does not
 * start a new page for text below it.
 */
export function stampFooters(doc: Pdf, text: (page: number, total: number) => string, size = 9): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = cjkSpaces(text(i - range.start + 1, range.count));
    doc.fontSize(size).text(footer, doc.page.margins.left, doc.page.height - 28, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
