/**
 * Hexadecimal checks for the collector's hot path, by code unit instead of regular
 * expressions (several times cheaper on the short ids every callback carries).
 */

/** 1 for lower-case hexadecimal digits, 2 for upper-case letters A–F. */
const HEX = new Uint8Array(128)
for (const c of "0123456789abcdef") HEX[c.charCodeAt(0)] = 1
for (const c of "ABCDEF") HEX[c.charCodeAt(0)] = 2

/** Whether code units `from` to `to` (exclusive) are hexadecimal digits; with `lowerCase`, a–f only. */
export const isHexRun = (value: string, from: number, to: number, lowerCase: boolean): boolean => {
  for (let i = from; i < to; i++) {
    const kind = HEX[value.charCodeAt(i)]
    if (kind !== 1 && (lowerCase || kind !== 2)) return false
  }
  return true
}

const HYPHEN = 45

/** A UUID in its 36-character hyphenated form (8-4-4-4-12); with `lowerCase`, a–f only. */
export const isHyphenatedUuid = (value: string, lowerCase: boolean): boolean =>
  value.length === 36 &&
  value.charCodeAt(8) === HYPHEN &&
  value.charCodeAt(13) === HYPHEN &&
  value.charCodeAt(18) === HYPHEN &&
  value.charCodeAt(23) === HYPHEN &&
  isHexRun(value, 0, 8, lowerCase) &&
  isHexRun(value, 9, 13, lowerCase) &&
  isHexRun(value, 14, 18, lowerCase) &&
  isHexRun(value, 19, 23, lowerCase) &&
  isHexRun(value, 24, 36, lowerCase)

/** A SHA-256 digest as 64 lower-case hexadecimal digits. */
export const isSha256Hex = (value: string): boolean => value.length === 64 && isHexRun(value, 0, 64, true)
