import type { GeneratedDocument } from '@ganxun/domain';
import { AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { cjkSpaces, openPdf, stampFooters } from '../../platform/pdf.js';

/**
 * A generated document as an editable Word file or a PDF, laid out like an official document
 * (GB/T 9704 habits): the title centred in 宋体, headings bold in 黑体, body in 仿宋 三号 with a
 * first-line indent of two characters and fixed 28 pt lines.
 */

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

/** Font names for every character set (Word picks `eastAsia` for Chinese). */
const font = (name: string, latin = 'Times New Roman') => ({
  ascii: latin,
  hAnsi: latin,
  eastAsia: name,
  cs: latin,
});

const BODY_SIZE = 32; // half-points: 16 pt, 三号
const TITLE_SIZE = 44; // 22 pt, 二号
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt

/** The document as a .docx (editable: plain paragraphs and runs, no text boxes). */
export async function toDocx(doc: GeneratedDocument): Promise<Buffer> {
  const title = new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    spacing: { after: 400, line: 720, lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({ text: doc.title, font: font('宋体'), size: TITLE_SIZE, bold: true, color: '000000' }),
    ],
  });
  const body = doc.paragraphs.map(
    (p) =>
      new Paragraph({
        ...(p.heading ? { heading: HeadingLevel.HEADING_1 } : {}),
        alignment: p.heading ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
        indent: { firstLine: 640, firstLineChars: 200 },
        spacing: { ...LINE, before: 0, after: 0 },
        children: [
          new TextRun({
            text: p.text,
            font: p.heading ? font('黑体') : font('仿宋'),
            size: BODY_SIZE,
            bold: p.heading,
            color: '000000',
          }),
        ],
      }),
  );
  const document = new Document({
    creator: 'Ganxun',
    title: doc.title,
    styles: {
      default: { document: { run: { font: font('仿宋'), size: BODY_SIZE } } },
    },
    sections: [
      {
        properties: {
          // A4 with the margins of official documents (37 mm top, 35 mm bottom, 28/26 mm sides).
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children: [title, ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The document as a PDF in the CJK font: the title centred, paragraphs indented two characters. */
export async function toPdf(doc: GeneratedDocument): Promise<Buffer> {
  const { doc: pdf, finish } = openPdf({ locale: doc.script, title: doc.title, margin: 72 });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  pdf.fontSize(20).text(cjkSpaces(doc.title), { width, align: 'center' });
  pdf.moveDown(1);
  const size = 12;
  for (const p of doc.paragraphs) {
    if (p.heading) {
      pdf.moveDown(0.3);
      // The CJK face has no bold: a thin stroke over the fill reads as bold on paper and screen.
      pdf
        .fontSize(size + 1)
        .lineWidth(0.35)
        .text(cjkSpaces(p.text), { width, indent: 2 * (size + 1), lineGap: 8, fill: true, stroke: true });
      pdf.lineWidth(1);
    } else {
      pdf.fontSize(size).text(cjkSpaces(p.text), { width, indent: 2 * size, align: 'justify', lineGap: 8 });
    }
  }
  stampFooters(pdf, (page) => `— ${page} —`);
  return finish();
}
