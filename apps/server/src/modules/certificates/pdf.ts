import { type CertificateView, certificateDay, chineseDate } from '@ganxun/domain';
import QRCode from 'qrcode';
import { cjkSpaces, fitText, openPdf } from '../../platform/pdf.js';
import { chinaToday } from './issue.js';

/** What a certificate PDF prints, besides the certificate itself. */
export interface CertificateArt {
  /** The issuer's seal (PNG or JPEG bytes), drawn over the issuer's name; none → no seal. */
  seal: Buffer | null;
  /** Where the QR code points: `${origin}/verify/${number}`. */
  origin: string;
}

const RED = '#b3261e';
const GOLD = '#b8860b';
const INK = '#1f1f1f';

/** The public verification page of a certificate number (what the QR code encodes). */
export function verifyUrl(origin: string, number: string): string {
  return `${origin}/verify/${encodeURIComponent(number)}`;
}

/**
 * 结业证书 on A4 landscape (842 × 595 pt), in Chinese whatever the reader's language (it is an
 * official document): a double border, the title, the body text ("XXX 同志：于 … 参加 …，完成全部学习
 * 任务，共计 N 学时，准予结业。特发此证。"), the issuer with its seal over the name and the issue date in
 * Chinese numerals, the number and a QR code to the public verification page. A revoked
 * certificate is still printed (staff and the holder keep records) but stamped 已作废 across the page.
 */
export async function certificatePdf(cert: CertificateView, art: CertificateArt): Promise<Buffer> {
  const { doc, finish } = openPdf({
    locale: 'zh-CN',
    title: `结业证书 ${cert.number}`,
    layout: 'landscape',
    margin: 0,
  });
  const W = doc.page.width;
  const H = doc.page.height;

  // Borders: an outer red frame and an inner gold rule.
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(22, 22, W - 44, H - 44)
    .stroke();
  doc
    .lineWidth(1.2)
    .strokeColor(GOLD)
    .rect(34, 34, W - 68, H - 68)
    .stroke();

  // Title.
  doc.fillColor(RED).fontSize(44);
  doc.text('结业证书', 0, 70, { width: W, align: 'center', characterSpacing: 18, lineBreak: false });

  // Body.
  const left = 110;
  const width = W - 2 * left;
  doc.fillColor(INK).fontSize(20);
  doc.text(cjkSpaces(`${cert.personName} 同志：`), left, 170, { width, lineGap: 12 });
  const body = `于 ${certificateDay(cert.startDate)}至 ${certificateDay(cert.endDate)}参加${cert.className}，完成全部学习任务，共计 ${formatHours(cert.hours)} 学时，准予结业。`;
  doc.text(cjkSpaces(body), left, doc.y + 6, { width, lineGap: 12, indent: 40 });
  doc.text('特发此证。', left, doc.y + 4, { width, lineGap: 12, indent: 40 });

  // Issuer, issue date and the seal over them.
  const issuerBox = { x: W - 110 - 300, y: 400, width: 300, height: 30 };
  fitText(doc, cert.issuer, issuerBox, { size: 18, minSize: 11, align: 'center' });
  const issued = chinaToday(new Date(cert.issuedAt));
  fitText(
    doc,
    chineseDate(issued),
    { x: issuerBox.x, y: issuerBox.y + 34, width: issuerBox.width, height: 24 },
    { size: 15, minSize: 11, align: 'center' },
  );
  if (art.seal) {
    const size = 132;
    try {
      doc.save();
      doc.opacity(0.88);
      doc.image(art.seal, issuerBox.x + issuerBox.width / 2 - size / 2, issuerBox.y + 22 - size / 2, {
        fit: [size, size],
        align: 'center',
        valign: 'center',
      });
      doc.restore();
    } catch {
      // An image pdfkit cannot read is left out rather than failing the certificate.
      doc.restore();
    }
  }

  // Number and QR code, bottom left.
  const qr = await QRCode.toBuffer(verifyUrl(art.origin, cert.number), {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const qrSize = 84;
  const qrX = 70;
  const qrY = H - 70 - qrSize - 14;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.fillColor(INK).fontSize(9);
  doc.text('扫码验证', qrX, qrY + qrSize + 3, { width: qrSize, align: 'center', lineBreak: false });
  doc.fontSize(11);
  doc.text(cjkSpaces(`证书编号：${cert.number}`), qrX + qrSize + 14, qrY + qrSize - 14, {
    width: 320,
    lineBreak: false,
  });

  if (cert.status === 'revoked') {
    doc.save();
    doc.rotate(-24, { origin: [W / 2, H / 2] });
    doc.opacity(0.35).fillColor(RED).fontSize(120);
    doc.text('已作废', 0, H / 2 - 70, { width: W, align: 'center', characterSpacing: 20, lineBreak: false });
    doc.restore();
  }
  return finish();
}

/** 学时 as printed: 32, 32.5, 32.25. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
