import { createHash } from "node:crypto"

/** Surface measures of an essay's text that the simulated judge's quality model reads. */
export interface TextFeatures {
  readonly wordCount: number
  readonly distinctWords: number
  readonly sentenceCount: number
  /** Words per sentence. */
  readonly meanSentenceLength: number
  /** Letters and digits per word. */
  readonly meanWordLength: number
  /** Guiraud's index, distinct words / √words: a type–token ratio that does not shrink with length. */
  readonly vocabularyRichness: number
  /** In [−1, 1), from the SHA-256 of the whitespace-normalised text: the essay's own quirk. */
  readonly idiosyncrasy: number
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu
const SENTENCE_END = /[.!?]+(?=\s|$)/u

export const textFeatures = (text: string): TextFeatures => {
  const words = text.toLowerCase().match(WORD) ?? []
  const wordCount = words.length
  const distinctWords = new Set(words).size
  const sentenceCount = Math.max(wordCount > 0 ? 1 : 0, text.split(SENTENCE_END).filter((part) => /[\p{L}\p{N}]/u.test(part)).length)
  const letters = words.reduce((sum, word) => sum + word.replace(/['’]/g, "").length, 0)
  const normalised = text.trim().replace(/\s+/g, " ")
  const digest = createHash("sha256").update(normalised, "utf8").digest()
  return {
    wordCount,
    distinctWords,
    sentenceCount,
    meanSentenceLength: sentenceCount === 0 ? 0 : wordCount / sentenceCount,
    meanWordLength: wordCount === 0 ? 0 : letters / wordCount,
    vocabularyRichness: wordCount === 0 ? 0 : distinctWords / Math.sqrt(wordCount),
    idiosyncrasy: (digest.readUInt32BE(0) / 4294967296) * 2 - 1
  }
}
