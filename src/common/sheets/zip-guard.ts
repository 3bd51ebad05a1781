import { crc32, createInflateRaw } from 'node:zlib';
import { badRequest } from '../errors/app-error';
import { MAX_ZIP_ENTRIES, sheetTooLarge } from './sheet-limits';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** One entry of a zip: its name and content (inflated), or, from storedPart, the entry itself. */
export interface ZipPart {
  name: string;
  bytes: Buffer;
}

interface Entry {
  method: number;
  compressed: number;
  offset: number;
  name: string;
}

const unreadable = () =>
  badRequest('IMPORT_UNREADABLE', 'The file is not a readable .xlsx workbook.');

function centralDirectory(zip: Buffer): { entries: Entry[]; start: number } {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i -= 1) {
    if (zip.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    throw unreadable();
  }
  const count = zip.readUInt16LE(end + 10);
  const start = zip.readUInt32LE(end + 16);
  if (count > MAX_ZIP_ENTRIES) {
    throw sheetTooLarge('entries', MAX_ZIP_ENTRIES);
  }
  const entries: Entry[] = [];
  let at = start;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) {
      throw unreadable();
    }
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      offset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, start };
}

/** Inflates `data`, and stops as soon as more than `budget` bytes came out (then null). */
function inflateWithin(data: Buffer, budget: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      if (size > budget) {
        return; // destroyed: output already under way is dropped, not kept
      }
      size += chunk.length;
      chunks.push(chunk);
      if (size > budget) {
        chunks.length = 0;
        inflate.destroy();
        resolve(null);
      }
    });
    inflate.on('end', () => resolve(Buffer.concat(chunks)));
    inflate.on('error', () => reject(unreadable()));
    inflate.end(data);
  });
}

/**
 * The entries of an .xlsx, inflated here before any XML parser sees them, counting what comes
 * out: everything together must stay within `maxBytes`, and the first byte beyond stops it.
 * The sizes a zip declares are not trusted (a bomb states whatever it likes), and only the
 * entries the central directory lists are read.
 */
export async function inflateZip(zip: Buffer, maxBytes: number): Promise<ZipPart[]> {
  if (zip.length < 22) {
    throw unreadable();
  }
  const { entries, start } = centralDirectory(zip);
  let inflated = 0;
  const parts: ZipPart[] = [];
  for (const entry of entries) {
    if (entry.offset + 30 > start || zip.readUInt32LE(entry.offset) !== LOCAL) {
      throw unreadable();
    }
    const dataStart =
      entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const data = zip.subarray(dataStart, dataStart + entry.compressed);
    if (dataStart + entry.compressed > start) {
      throw unreadable();
    }
    let bytes: Buffer | null;
    if (entry.method === 0) {
      bytes = data.length <= maxBytes - inflated ? data : null;
    } else if (entry.method === 8) {
      bytes = await inflateWithin(data, maxBytes - inflated);
    } else {
      throw unreadable();
    }
    if (bytes === null) {
      throw sheetTooLarge('bytes', maxBytes);
    }
    inflated += bytes.length;
    parts.push({ name: entry.name, bytes });
  }
  return parts;
}

/** A stored (uncompressed) zip entry: its local header and data, as a streaming reader reads it. */
export function storedPart(name: string, data: Buffer): ZipPart {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data) >>> 0, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return { name, bytes: Buffer.concat([header, nameBytes, data]) };
}
