import { StreamableFile } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { AppException } from '@app/common';
import type { QrFormat } from './dto/link-qr-query.dto';

/** The quiet zone ISO/IEC 18004 asks for around the symbol, in modules; scanners misread codes without it. */
const QUIET_ZONE_MODULES = 4;
/** Level M survives ~15% damage: the usual choice for printed links, and keeps the symbol small. */
const ERROR_CORRECTION = 'M';

export interface QrImage {
  contentType: 'image/png' | 'image/svg+xml';
  body: Buffer;
}

/** A square QR code of `size` pixels (quiet zone included) that encodes `text`. */
export async function renderQrCode(text: string, format: QrFormat, size: number): Promise<QrImage> {
  const modules = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION }).modules.size + 2 * QUIET_ZONE_MODULES;
  if (size < modules) throw AppException.invalidField('size', `size must be at least ${modules} pixels for this link's QR code`);
  // The library floors width × (width / modules) / modules, which floating point can leave one pixel short;
  // half a pixel more lands every size on itself.
  const options = { errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE_MODULES, width: size + 0.5 } as const;
  if (format === 'svg') {
    const svg = await QRCode.toString(text, { ...options, type: 'svg' });
    return { contentType: 'image/svg+xml', body: Buffer.from(svg.replace(/width="[\d.]+" height="[\d.]+"/, `width="${size}" height="${size}"`)) };
  }
  return { contentType: 'image/png', body: await QRCode.toBuffer(text, { ...options, type: 'png' }) };
}

export function toStreamableFile(image: QrImage): StreamableFile {
  return new StreamableFile(image.body, { type: image.contentType, length: image.body.length });
}
