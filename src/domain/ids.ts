import { createHash } from "node:crypto"

/** CJ stores `els_essay_id` as VARCHAR(36). */
export const MAX_ESSAY_ID_LENGTH = 36
const MIN_ESSAY_ID_LENGTH = 3

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: "ss", ẞ: "SS", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ø: "o", Ø: "O", đ: "d", Đ: "D", ð: "d", Ð: "D",
  þ: "th", Þ: "TH", ł: "l", Ł: "L", ı: "i", ħ: "h", Ħ: "H", ŋ: "n", Ŋ: "N", ĸ: "k", ſ: "s"
}

/** Accented Latin letters become their base letter (å ä → a, é → e) and ß, æ, ø … are spelled out. */
const transliterate = (raw: string): string =>
  raw
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßẞæÆœŒøØđĐðÐþÞłŁıħĦŋŊĸſ]/g, (letter) => SPELLED_OUT[letter] ?? letter)

const sanitize = (raw: string): string => {
  const cleaned = transliterate(raw).replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")
  return cleaned === "" ? "essay" : cleaned
}

const shortHash = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8)

/**
 * The essay id sent to CJ and written to the artefact (one id for both; the old runner
 * used two, bug B8). Letters are transliterated to ASCII, not dropped. Lower case so it satisfies the artefact schema
 * (`^[a-z0-9_-]{3,64}$`) and can never be mistaken for CJ's `ANCHOR_` ids; ids longer than
 * CJ's 36 characters keep their first 27 characters and gain `_` plus 8 hex digits of the
 * sanitised name's SHA-256, so distinct long names stay distinct.
 */
export const essayIdFromStem = (stem: string, maxLength = MAX_ESSAY_ID_LENGTH): string => {
  const base = sanitize(stem).toLowerCase()
  const id = base.length > maxLength ? `${base.slice(0, maxLength - 9)}_${shortHash(base)}` : base
  return id.padEnd(MIN_ESSAY_ID_LENGTH, "_")
}

/** File name without its last extension. */
export const fileStem = (fileName: string): string => {
  const dot = fileName.lastIndexOf(".")
  return dot <= 0 ? fileName : fileName.slice(0, dot)
}

/**
 * The grade written in an anchor file name (contracts §7): the part after the last `_`,
 * trailing copy digits removed, upper-cased. Numeric scales keep the digits, since the
 * digits are the grade (`anchor_7.docx` is grade 7).
 */
export const gradeFromAnchorFileName = (fileName: string, numericScale: boolean): string | undefined => {
  const stem = fileStem(fileName)
  const token = (stem.includes("_") ? stem.slice(stem.lastIndexOf("_") + 1) : stem).trim()
  const grade = numericScale ? token : token.replace(/[0-9]+$/, "").trim().toUpperCase()
  return grade === "" ? undefined : grade
}
