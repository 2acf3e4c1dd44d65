import { readFile } from "node:fs/promises"
import { join } from "node:path"

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
