import { mkdir, readFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { writeFileAtomic } from "../runFolder/atomicWrite.js"
import { type FileLockOptions, withFileLock } from "./fileLock.js"

/** One cache per output directory, shared by runs (contracts §4, R7). */
export const UPLOAD_CACHE_FILE = "content_upload_cache.json"
export const UPLOAD_CACHE_SCHEMA_VERSION = 1

export const uploadCachePath = (outputDir: string): string => join(outputDir, UPLOAD_CACHE_FILE)

export interface CacheRead {
  /** File SHA-256 → storage id, for the given Content Service only. */
  readonly entries: ReadonlyMap<string, string>
  /** Why the file on disk was not used, if it was not. */
  readonly ignoredReason: string | null
}

const isStringRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Reads the cache; an absent, unreadable or foreign cache yields no entries and says why. */
export const readUploadCache = async (path: string, contentServiceUrl: string): Promise<CacheRead> => {
  let text: string
  try {
    text = await readFile(path, "utf8")
  } catch {
    return { entries: new Map(), ignoredReason: null }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { entries: new Map(), ignoredReason: "cache_file_invalid_json" }
  }
  if (!isStringRecord(parsed)) return { entries: new Map(), ignoredReason: "cache_file_invalid_format" }
  if (parsed.schema_version !== UPLOAD_CACHE_SCHEMA_VERSION) return { entries: new Map(), ignoredReason: "cache_file_schema_mismatch" }
  if (!isStringRecord(parsed.entries)) return { entries: new Map(), ignoredReason: "cache_file_missing_entries" }
  const entries = new Map(
    Object.entries(parsed.entries).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as const] : []))
  )
  if (parsed.content_service_url !== contentServiceUrl && entries.size > 0) {
    return { entries: new Map(), ignoredReason: "content_service_url_changed" }
  }
  return { entries, ignoredReason: null }
}

export interface CacheChanges {
  /** New or replaced checksum → storage id entries. */
  readonly set: ReadonlyMap<string, string>
  /** Checksums whose storage id is known to be gone from the Content Service. */
  readonly remove: ReadonlySet<string>
}

const sortedRecord = (entries: ReadonlyMap<string, string>): Record<string, string> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** The file format of contracts §4 / R7: keys sorted, 2-space indent, schema version 1. */
export const serialiseUploadCache = (contentServiceUrl: string, entries: ReadonlyMap<string, string>, updatedAt: Date): string =>
  `${JSON.stringify(
    { content_service_url: contentServiceUrl, entries: sortedRecord(entries), schema_version: UPLOAD_CACHE_SCHEMA_VERSION, updated_at: updatedAt.toISOString() },
    null,
    2
  )}\n`

/**
 * Applies `changes` to the cache on disk under a lock: re-reads the file, so entries other
 * runs saved meanwhile are kept, then writes it atomically. Entries of another Content
 * Service URL are dropped, as its ids mean nothing to this one. Returns the entry count.
 */
export const saveUploadCache = async (path: string, contentServiceUrl: string, changes: CacheChanges, lock?: FileLockOptions): Promise<number> => {
  await mkdir(dirname(path), { recursive: true })
  return withFileLock(
    `${path}.lock`,
    async () => {
      const current = await readUploadCache(path, contentServiceUrl)
      const merged = new Map(current.entries)
      for (const checksum of changes.remove) merged.delete(checksum)
      for (const [checksum, storageId] of changes.set) merged.set(checksum, storageId)
      await writeFileAtomic(path, serialiseUploadCache(contentServiceUrl, merged, new Date()))
      return merged.size
    },
    lock
  )
}
