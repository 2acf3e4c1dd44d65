/** Bounds on what one essay may be, checked while reading, before anything is uploaded. */
export interface EssayLimits {
  /** The file on disk. */
  readonly maxFileBytes: number
  /** The extracted text, in UTF-16 code units (characters, for any Latin script). */
  readonly maxTextChars: number
  /** A Word document's XML once inflated; inflation stops at this bound. */
  readonly maxDocxXmlBytes: number
}

export const MIB = 1024 * 1024

/**
 * Far above any real essay (README "Essay size bounds"): a long essay is 1–20 K characters and
 * a Word file of one under 1 MB, a few MB with pasted photos.
 */
export const DEFAULT_ESSAY_LIMITS: EssayLimits = {
  maxFileBytes: 16 * MIB,
  maxTextChars: 200_000,
  maxDocxXmlBytes: 32 * MIB
}

export const describeBytes = (bytes: number): string =>
  bytes >= MIB ? `${(bytes / MIB).toFixed(bytes % MIB === 0 ? 0 : 1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`
