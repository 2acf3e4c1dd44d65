/**
 * A small seeded pseudo-random generator for the sandbox (mulberry32).
 *
 * Every step is 32-bit integer arithmetic (`Math.imul`, shifts, xor), so a seed yields the
 * same sequence on every machine and every run. The normal helper uses `Math.log`, `Math.sqrt`
 * and `Math.cos`; Node's V8 computes `log` and `cos` with its own port of fdlibm rather than
 * the C library, so those results do not depend on the operating system or CPU either.
 *
 * `fork(label)` derives an independent stream from the *seed* (not from how far this stream
 * has advanced), so adding draws to one part of the simulation never shifts another part.
 */
export interface Random {
  /** The 32-bit seed this stream started from. */
  readonly seed: number
  /** Next unsigned 32-bit integer. */
  readonly nextUint32: () => number
  /** Uniform on [0, 1). */
  readonly uniform: () => number
  /** Uniform integer on [min, max], both inclusive. */
  readonly integerBetween: (min: number, max: number) => number
  /** True with probability `probability`. */
  readonly chance: (probability: number) => boolean
  /** Normal with the given mean and standard deviation (Box–Muller, two uniforms per draw). */
  readonly normal: (mean?: number, standardDeviation?: number) => number
  /** Logistic(0, 1) variate by inverse CDF. */
  readonly logistic: () => number
  /** A new array with the items in a seeded random order (Fisher–Yates). */
  readonly shuffled: <T>(items: ReadonlyArray<T>) => Array<T>
  /** `length` lower-case hex digits. */
  readonly hex: (length: number) => string
  /** An independent stream named `label`, derived from this stream's seed. */
  readonly fork: (label: string) => Random
}

const TWO_POW_32 = 4294967296

/** FNV-1a over UTF-16 code units, then murmur3's finaliser for a better spread of bits. */
const hashString = (text: string, basis = 0x811c9dc5): number => {
  let hash = basis >>> 0
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return finalizeMix(hash)
}

const finalizeMix = (value: number): number => {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return h >>> 0
}

/**
 * A 32-bit seed from what a user typed: an integer in [0, 2^32) is used as is; any other
 * number or string is hashed from its decimal or literal text.
 */
export const seedFrom = (seed: number | string): number => {
  if (typeof seed === "number" && Number.isInteger(seed) && seed >= 0 && seed < TWO_POW_32) return seed
  return hashString(String(seed))
}

export const createRandom = (seed: number | string): Random => {
  const start = seedFrom(seed)
  let state = start

  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }

  const uniform = (): number => nextUint32() / TWO_POW_32

  const integerBetween = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`integerBetween needs integers min <= max, got ${min} and ${max}`)
    }
    return min + Math.floor(uniform() * (max - min + 1))
  }

  const normal = (mean = 0, standardDeviation = 1): number => {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()))
    return mean + standardDeviation * radius * Math.cos(2 * Math.PI * uniform())
  }

  const logistic = (): number => {
    // (k + 0.5) / 2^32 keeps u strictly inside (0, 1), so the log is always finite.
    const u = (nextUint32() + 0.5) / TWO_POW_32
    return Math.log(u / (1 - u))
  }

  const shuffled = <T>(items: ReadonlyArray<T>): Array<T> => {
    const result = [...items]
    for (let index = result.length - 1; index > 0; index--) {
      const other = Math.floor(uniform() * (index + 1))
      const held = result[index] as T
      result[index] = result[other] as T
      result[other] = held
    }
    return result
  }

  const hex = (length: number): string => {
    let digits = ""
    while (digits.length < length) digits += nextUint32().toString(16).padStart(8, "0")
    return digits.slice(0, length)
  }

  return {
    seed: start,
    nextUint32,
    uniform,
    integerBetween,
    chance: (probability) => probability > 0 && uniform() < probability,
    normal,
    logistic,
    shuffled,
    hex,
    fork: (label) => createRandom(hashString(label, start ^ 0x811c9dc5))
  }
}
