import { inflateRawSync } from "node:zlib"

/** One file of a zip archive, located through the central directory. */
export interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly encrypted: boolean
  readonly compressedSize: number
  /** As the archive declares it; `readZipEntry` does not trust it. */
  readonly declaredSize: number
  readonly localHeaderOffset: number
}

export class ZipError extends Error {}

/** The inflated part would exceed the bound: reading stopped there. */
export class ZipEntryTooLarge extends Error {
  constructor(readonly entry: string, readonly limit: number) {
    super(`${entry} inflates to more than ${limit} bytes`)
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50
const STORED = 0
const DEFLATED = 8

const findEndOfCentralDirectory = (zip: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at
  }
  throw new ZipError("not a zip archive (no end of central directory)")
}

/** Every entry the central directory lists; no part is inflated. */
export const listZipEntries = (zip: Buffer): ReadonlyArray<ZipEntry> => {
  if (zip.length < 22) throw new ZipError("not a zip archive (too short)")
  const end = findEndOfCentralDirectory(zip)
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  if (at === 0xffffffff || count === 0xffff) throw new ZipError("a ZIP64 archive, which Word does not write")
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new ZipError("a damaged central directory")
    const nameLength = zip.readUInt16LE(at + 28)
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      encrypted: (zip.readUInt16LE(at + 8) & 1) === 1,
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42)
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

/**
 * The bytes of one entry, never more than `limit`: a declared size over the bound is refused
 * before inflating, and inflation itself stops at the bound, since a declared size can lie.
 */
export const readZipEntry = (zip: Buffer, entry: ZipEntry, limit: number): Buffer => {
  if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`)
  if (entry.declaredSize > limit) throw new ZipEntryTooLarge(entry.name, limit)
  const at = entry.localHeaderOffset
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new ZipError(`a damaged local header for ${entry.name}`)
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28)
  const end = start + entry.compressedSize
  if (end > zip.length) throw new ZipError(`${entry.name} is truncated`)
  const data = zip.subarray(start, end)
  if (entry.method === STORED) {
    if (data.length > limit) throw new ZipEntryTooLarge(entry.name, limit)
    return data
  }
  if (entry.method !== DEFLATED) throw new ZipError(`${entry.name} uses compression method ${entry.method}`)
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, limit) })
  } catch (error) {
    if (error instanceof RangeError) throw new ZipEntryTooLarge(entry.name, limit)
    throw new ZipError(`${entry.name} cannot be inflated (${error instanceof Error ? error.message : String(error)})`)
  }
}
