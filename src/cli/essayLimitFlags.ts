import { integerFlag } from "./flagValues.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits, MIB } from "../inventory/limits.js"

/** Bounds on one essay (README "Essay size bounds"), for every command that reads essays. */
export const essayLimitFlags = {
  "max-file-mb": integerFlag({
    description: "Refuse an essay file larger than this many MiB.",
    default: DEFAULT_ESSAY_LIMITS.maxFileBytes / MIB,
    min: 1,
    unit: "of MiB",
    example: 32,
    helpGroup: "INPUT"
  }),
  "max-text-chars": integerFlag({
    description: "Refuse an essay whose extracted text is longer than this many characters.",
    default: DEFAULT_ESSAY_LIMITS.maxTextChars,
    min: 1,
    unit: "of characters",
    example: 400000,
    helpGroup: "INPUT"
  }),
  "max-docx-xml-mb": integerFlag({
    description: "Refuse a .docx whose document XML inflates past this many MiB (reading stops there).",
    default: DEFAULT_ESSAY_LIMITS.maxDocxXmlBytes / MIB,
    min: 1,
    unit: "of MiB",
    example: 64,
    helpGroup: "INPUT"
  })
}

export const toEssayLimits = (flags: { readonly "max-file-mb": number; readonly "max-text-chars": number; readonly "max-docx-xml-mb": number }): EssayLimits => ({
  maxFileBytes: flags["max-file-mb"] * MIB,
  maxTextChars: flags["max-text-chars"],
  maxDocxXmlBytes: flags["max-docx-xml-mb"] * MIB
})
