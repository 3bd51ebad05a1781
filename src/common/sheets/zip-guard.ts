import { crc32, createInflateRaw } from 'node:zlib';
import { badRequest } from '../errors/app-error';
import { MAX_ZIP_ENTRIES, sheetTooLarge } from './sheet-limits';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

/** One entry of a checked zip: its local header, data and descriptor, bytes as they are. */
export interface ZipPart {
  name: string;
  bytes: Buffer;
}

interface Entry {
  method: number;
  flags: number;
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
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      offset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, start };
}

/** Inflates `data`, keeping nothing, and stops as soon as more than `budget` bytes came out. */
function inflatedSize(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(unreadable()));
    inflate.end(data);
  });
}

/**
 * Checks an .xlsx before any XML parser sees it: the entries must lie one after another from the
 * first byte to the central directory (so a streaming unzipper, which reads local headers in
 * order, meets exactly the entries listed, and no hidden one), and everything they inflate to,
 * counted by inflating and discarding, must stay within `maxBytes`. The sizes a zip declares
 * are not trusted: a bomb states whatever it likes.
 */
export async function checkZip(zip: Buffer, maxBytes: number): Promise<ZipPart[]> {
  if (zip.length < 22) {
    throw unreadable();
  }
  const { entries, start } = centralDirectory(zip);
  let expected = 0;
  let inflated = 0;
  const parts: ZipPart[] = [];
  for (const entry of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (entry.offset !== expected || entry.offset + 30 > zip.length) {
      throw unreadable();
    }
    if (zip.readUInt32LE(entry.offset) !== LOCAL) {
      throw unreadable();
    }
    const dataStart =
      entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const dataEnd = dataStart + entry.compressed;
    if (dataEnd > start) {
      throw unreadable();
    }
    const data = zip.subarray(dataStart, dataEnd);
    if (entry.method === 0) {
      inflated += data.length;
    } else if (entry.method === 8) {
      inflated += await inflatedSize(data, maxBytes - inflated);
    } else {
      throw unreadable();
    }
    if (inflated > maxBytes) {
      throw sheetTooLarge('bytes', maxBytes);
    }
    expected = dataEnd;
    if (entry.flags & 8) {
      expected += dataEnd + 4 <= zip.length && zip.readUInt32LE(dataEnd) === DESCRIPTOR ? 16 : 12;
    }
    parts.push({ name: entry.name, bytes: zip.subarray(entry.offset, expected) });
  }
  if (expected !== start) {
    throw unreadable();
  }
  return parts;
}

/** A stored (uncompressed) zip entry: its local header and data, as a streaming reader reads it. */
export function storedPart(name: string, text: string): ZipPart {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data) >>> 0, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return { name, bytes: Buffer.concat([header, nameBytes, data]) };
}
