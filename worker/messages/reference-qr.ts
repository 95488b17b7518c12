import QRCode from 'qrcode';

/**
 * The QR code of a booking reference, as an email shows it: a PNG attached inline and named by its
 * Content-ID (`cid:`), because many mail clients block `data:` URIs and SVG but show an inline part.
 * It holds the reference alone ("K7P-4MX"), nothing personal: it is what a KEP's kiosk or a staff
 * member's scanner reads, and the staff search finds an appointment by it.
 */
export interface ReferenceQr {
  /** What the HTML's `<img src>` says: `cid:` and the Content-ID. */
  src: string;
  /** The width and height to show it at, in CSS pixels. */
  size: number;
  /** The inline MIME part, as nodemailer takes it. */
  attachment: { filename: string; content: Buffer; contentType: 'image/png'; cid: string; contentDisposition: 'inline' };
}

/** The quiet zone the standard asks for around the code, in modules. */
const QUIET_ZONE = 4;
/**
 * CSS pixels per module in the email: 6 × 29 = 174 px for the smallest code, about 3 cm on a
 * phone and 4.5 cm printed, modules of 1 mm or more, well above what a phone camera or a counter's
 * 2D scanner needs.
 */
const CSS_MODULE = 6;
/** PNG pixels per CSS pixel: the code stays sharp on a phone's dense screen, held up to the kiosk. */
const DENSITY = 2;

/**
 * The Content-ID of one message's code. It is per outbox row: some clients keep inline images of a
 * thread by Content-ID, and one message must never show another's picture.
 */
export function referenceQrCid(outboxId: string): string {
  return `reference-qr.${outboxId}@rantevou.outbox`;
}

/**
 * The code of `reference` under `cid`. A reference is six characters of QR's alphanumeric set and
 * a dash, so it fits the smallest code (version 1, 21 modules) even at the highest error correction
 * (H: 30 % of it may be unreadable — a cracked screen, glare, a fold in a print-out).
 */
export async function referenceQr(reference: string, cid: string): Promise<ReferenceQr> {
  const options = { errorCorrectionLevel: 'H', margin: QUIET_ZONE } as const;
  const modules = QRCode.create(reference, options).modules.size + 2 * QUIET_ZONE;
  const content = await QRCode.toBuffer(reference, { ...options, type: 'png', scale: CSS_MODULE * DENSITY });
  return {
    src: `cid:${cid}`,
    size: modules * CSS_MODULE,
    attachment: { filename: `${reference}.png`, content, contentType: 'image/png', cid, contentDisposition: 'inline' },
  };
}
