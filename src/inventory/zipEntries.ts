import { inflateRawSync } from "node:zlib"
import yauzl, { type Entry, type ZipFile } from "yauzl"

/** The inflated part would exceed the bound: reading stopped there. */
export class ZipEntryTooLarge extends Error {
  constructor(readonly entry: string, readonly limit: number) {
    super(`${entry} inflates to more than ${limit} bytes`)
  }
}

/** A zip archive held in memory, read with yauzl: entries are listed, and inflated (within a bound) only when asked for. */
export interface ZipArchive {
  /** One entry's bytes, never more than `limit` (undefined when the archive has no such entry). */
  readonly read: (name: string, limit: number) => Promise<Buffer | undefined>
  readonly close: () => void
}

const listEntries = (zipfile: ZipFile): Promise<Map<string, Entry>> =>
  new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>()
    zipfile.on("entry", (entry: Entry) => {
      entries.set(entry.fileName, entry)
      zipfile.readEntry()
    })
    zipfile.once("end", () => resolve(entries))
    zipfile.once("error", reject)
    zipfile.readEntry()
  })

const STORED = 0
const DEFLATED = 8

/** An entry's bytes as stored in the archive (yauzl finds and checks them; nothing is inflated). */
const storedBytes = (zipfile: ZipFile, entry: Entry): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, { decompress: false }, (error, stream) => {
      if (error !== null) return reject(error)
      const chunks: Buffer[] = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.once("error", reject)
      stream.once("end", () => resolve(Buffer.concat(chunks)))
    })
  })

/**
 * Inflates one entry up to `limit` bytes: a declared size over the bound is refused before
 * inflating, and inflation itself stops at the bound, since a declared size can lie.
 */
const inflate = async (zipfile: ZipFile, entry: Entry, limit: number): Promise<Buffer> => {
  if (entry.uncompressedSize > limit) throw new ZipEntryTooLarge(entry.fileName, limit)
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) throw new Error(`${entry.fileName} uses compression method ${entry.compressionMethod}`)
  const bytes = await storedBytes(zipfile, entry)
  if (entry.compressionMethod === STORED) {
    if (bytes.length > limit) throw new ZipEntryTooLarge(entry.fileName, limit)
    return bytes
  }
  try {
    return inflateRawSync(bytes, { maxOutputLength: Math.max(1, limit) })
  } catch (error) {
    if (error instanceof RangeError) throw new ZipEntryTooLarge(entry.fileName, limit)
    throw error
  }
}

/** Opens a zip archive from its bytes; fails when they are not one (or a damaged one). */
export const openZip = async (zip: Buffer): Promise<ZipArchive> => {
  // The bound is ours to enforce (inflate), so a size that lies is caught at the bound, not before.
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true, autoClose: false, validateEntrySizes: false })
  try {
    const entries = await listEntries(zipfile)
    return {
      read: (name, limit) => {
        const entry = entries.get(name)
        return entry === undefined ? Promise.resolve(undefined) : inflate(zipfile, entry, limit)
      },
      close: () => zipfile.close()
    }
  } catch (error) {
    zipfile.close()
    throw error
  }
}
