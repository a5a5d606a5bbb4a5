import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { StreamableFile } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { AppException } from '@app/common';
import type { QrFormat } from './dto/link-qr-query.dto';

/** The quiet zone ISO/IEC 18004 asks for around the symbol, in modules; scanners misread codes without it. */
const QUIET_ZONE_MODULES = 4;
/** Level M survives ~15% damage: the usual choice for printed links, and keeps the symbol small. */
const ERROR_CORRECTION = 'M';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const deflateAsync = promisify(deflate);

export interface QrImage {
  contentType: 'image/png' | 'image/svg+xml';
  body: Buffer;
}

/** A square QR code of `size` pixels (quiet zone included) that encodes `text`. */
export async function renderQrCode(text: string, format: QrFormat, size: number): Promise<QrImage> {
  const symbol = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION }).modules;
  const modules = symbol.size + 2 * QUIET_ZONE_MODULES;
  if (size < modules)
    throw AppException.invalidField('size', `size must be at least ${modules} pixels for this link's QR code`);
  if (format === 'png') return { contentType: 'image/png', body: await encodePng(symbol, size) };
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE_MODULES,
    width: size,
  });
  // The library writes the width it computed (fractional for most sizes); the image is exactly `size`.
  return {
    contentType: 'image/svg+xml',
    body: Buffer.from(svg.replace(/width="[\d.]+" height="[\d.]+"/, `width="${size}" height="${size}"`)),
  };
}

/**
 * A 1-bit grayscale PNG of the symbol. Written here rather than by the library's PNG renderer, which fills
 * 32-bit pixels one by one in JavaScript (~0.7 s of blocked event loop for 2048 px): rows of one module row
 * are identical, so each is built once and repeated, and zlib compresses on the thread pool.
 */
async function encodePng(symbol: QRCode.BitMatrix, size: number): Promise<Buffer> {
  const modules = symbol.size + 2 * QUIET_ZONE_MODULES;
  const moduleAt = (pixel: number) => Math.floor((pixel * modules) / size) - QUIET_ZONE_MODULES;
  const rowBytes = 1 + Math.ceil(size / 8); // filter byte (0: none), then 8 pixels per byte, 1 = white
  const raw = Buffer.alloc(rowBytes * size);
  let previousModuleRow = Number.NaN;
  for (let y = 0; y < size; y++) {
    const moduleRow = moduleAt(y);
    const row = raw.subarray(y * rowBytes, (y + 1) * rowBytes);
    if (moduleRow === previousModuleRow) {
      raw.copy(row, 0, (y - 1) * rowBytes, y * rowBytes);
      continue;
    }
    previousModuleRow = moduleRow;
    for (let x = 0; x < size; x++) {
      const moduleColumn = moduleAt(x);
      const inside = moduleRow >= 0 && moduleRow < symbol.size && moduleColumn >= 0 && moduleColumn < symbol.size;
      const dark = inside && symbol.get(moduleRow, moduleColumn) === 1;
      if (!dark) row[1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', await deflateAsync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

export function toStreamableFile(image: QrImage): StreamableFile {
  return new StreamableFile(image.body, { type: image.contentType, length: image.body.length });
}
