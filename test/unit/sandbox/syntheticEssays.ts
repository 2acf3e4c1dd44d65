import { createRandom } from "../../../src/statistics/random.js"

/**
 * Seeded synthetic essays whose surface quality rises with `level` in [0, 1]: longer, with a
 * wider and longer-worded vocabulary and sentence lengths nearer the model's ideal. They are
 * word salad; only the measures the quality model reads matter here.
 */
const COMMON_WORDS = [
  "the", "a", "and", "is", "it", "was", "i", "you", "we", "they", "he", "she", "good", "bad", "big", "small",
  "people", "think", "very", "like", "go", "went", "get", "got", "day", "time", "thing", "things", "school",
  "friend", "home", "so", "but", "then", "nice", "fun", "lot", "many", "some", "all", "do", "did", "make", "say"
]
const PREFIXES = ["re", "con", "pre", "inter", "trans", "de", "sub", "per", "pro", "ex"]
const ROOTS = ["struct", "form", "duct", "ject", "spect", "tain", "vent", "mit", "port", "scrib", "cede", "tend"]
const SUFFIXES = ["ion", "ive", "ure", "ed", "ing", "ance", "able"]
const RICH_WORDS = PREFIXES.flatMap((prefix) => ROOTS.flatMap((root) => SUFFIXES.map((suffix) => prefix + root + suffix)))

export const syntheticEssayText = (level: number, seed: number | string): string => {
  const random = createRandom(seed)
  const wordCount = Math.round(100 + 600 * level + random.normal(0, 20))
  const richShare = 0.05 + 0.55 * level
  const richPool = RICH_WORDS.slice(0, Math.max(5, Math.round(RICH_WORDS.length * level)))
  const commonPool = COMMON_WORDS.slice(0, Math.round(12 + (COMMON_WORDS.length - 12) * level))
  // Low levels write run-ons or fragments; high levels write sentences of about 16 words.
  const sentenceTarget = level > 0.5 ? 16 : random.chance(0.5) ? 16 + 20 * (1 - 2 * level) : 16 - 12 * (1 - 2 * level)
  const sentences: Array<string> = []
  let written = 0
  while (written < wordCount) {
    const length = Math.max(2, Math.min(wordCount - written, Math.round(random.normal(sentenceTarget, 2))))
    const words = Array.from({ length }, () => {
      const pool = random.chance(richShare) ? richPool : commonPool
      return pool[random.integerBetween(0, pool.length - 1)] as string
    })
    const first = words[0] as string
    words[0] = first.charAt(0).toUpperCase() + first.slice(1)
    sentences.push(`${words.join(" ")}.`)
    written += length
  }
  return sentences.join(" ")
}

export interface SyntheticEssay {
  readonly essayId: string
  readonly text: string
  readonly isAnchor: boolean
  readonly grade?: string
}

/** `count` students with levels spread evenly over [0.05, 0.95], in a seeded order. */
export const syntheticStudents = (count: number, seed: number | string): Array<SyntheticEssay> => {
  const order = createRandom(seed).shuffled(Array.from({ length: count }, (_, index) => index))
  return order.map((rankIndex, position) => {
    const level = count === 1 ? 0.5 : 0.05 + (0.9 * rankIndex) / (count - 1)
    return { essayId: `student_${String(position + 1).padStart(3, "0")}`, text: syntheticEssayText(level, `${seed}:${position}`), isAnchor: false }
  })
}

/** One anchor per grade given, each written at the level matching its place in `grades`. */
export const syntheticAnchors = (grades: ReadonlyArray<string>, seed: number | string): Array<SyntheticEssay> =>
  grades.map((grade, index) => ({
    essayId: String(index + 1),
    text: syntheticEssayText(grades.length === 1 ? 0.5 : 0.05 + (0.9 * index) / (grades.length - 1), `${seed}:anchor:${index}`),
    isAnchor: true,
    grade
  }))
