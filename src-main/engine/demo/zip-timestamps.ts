// Rewrites every zip entry's DOS date/time to one fixed instant so an .xlsx is byte-identical across runs.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** MS-DOS date and time words for a UTC instant (2-second resolution, years 1980-2107). */
export function dosDateTime(utcMs: number): { date: number; time: number } {
  const d = new Date(utcMs);
  const year = d.getUTCFullYear();
  if (year < 1980 || year > 2107) throw new Error('DOS dates cover 1980-2107 only');
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new Error('not a zip file: no end-of-central-directory record');
}

/** Returns a copy of `zip` whose local and central headers all carry the fixed date. */
export function fixZipTimestamps(zip: Buffer, utcMs: number): Buffer {
  const out = Buffer.from(zip);
  const { date, time } = dosDateTime(utcMs);
  const eocd = findEndOfCentralDirectory(out);
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`zip central directory entry ${i} is malformed`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_SIGNATURE) throw new Error(`zip local header ${i} is malformed`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
