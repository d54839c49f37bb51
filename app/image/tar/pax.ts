// pax extended header records: "<length> <key>=<value>\n", the length counting the whole record.
import { TarFormatError } from "../errors.ts";

export interface PaxOverrides {
  path?: string;
  linkpath?: string;
  size?: number;
}

const decoder = new TextDecoder("utf-8");

export function parsePaxRecords(data: Uint8Array, offset: number): PaxOverrides {
  const overrides: PaxOverrides = {};
  let pos = 0;
  while (pos < data.length) {
    // Writers may pad the data with NULs after the last record.
    if (data[pos] === 0) break;
    const space = data.indexOf(0x20, pos);
    if (space === -1 || space - pos > 20) throw new TarFormatError("malformed pax record length", offset);
    const lengthText = decoder.decode(data.subarray(pos, space));
    if (!/^[1-9][0-9]*$/.test(lengthText)) throw new TarFormatError("malformed pax record length", offset);
    const length = Number(lengthText);
    const end = pos + length;
    if (end > data.length || data[end - 1] !== 0x0a) throw new TarFormatError("pax record overruns its header", offset);
    const record = data.subarray(space + 1, end - 1);
    const equals = record.indexOf(0x3d);
    if (equals <= 0) throw new TarFormatError("pax record without key", offset);
    const key = decoder.decode(record.subarray(0, equals));
    const value = decoder.decode(record.subarray(equals + 1));
    if (key === "path") overrides.path = value;
    else if (key === "linkpath") overrides.linkpath = value;
    else if (key === "size") {
      if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new TarFormatError("malformed pax size", offset);
      overrides.size = Number(value);
    }
    pos = end;
  }
  return overrides;
}
