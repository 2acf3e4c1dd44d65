import { describe, expect, it } from "vitest"
import { createRandom, seedFrom } from "../../../src/statistics/random.js"

const twentyUniforms = (seed: number | string) => {
  const random = createRandom(seed)
  return Array.from({ length: 20 }, () => random.uniform())
}

describe("seeded random", () => {
  it("produces the reference mulberry32 sequence, so a seed means the same numbers everywhere", () => {
    // Reference values from an independent port (Python integers masked to 32 bits).
    const random = createRandom(1)
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([2693262067, 11749833, 2265367787, 4213581821])
    const other = createRandom(20260207)
    expect([other.nextUint32(), other.nextUint32()]).toEqual([4189761552, 507599566])
  })

  it("repeats itself for the same seed and differs for another", () => {
    expect(twentyUniforms(7)).toEqual(twentyUniforms(7))
    expect(twentyUniforms("pilot-2026")).toEqual(twentyUniforms("pilot-2026"))
    expect(twentyUniforms(7)).not.toEqual(twentyUniforms(8))
  })

  it("turns any seed into a 32-bit integer, hashing what is not one", () => {
    expect(seedFrom(42)).toBe(42)
    expect(seedFrom(-1)).toBe(seedFrom("-1"))
    expect(seedFrom(2 ** 40)).toBeLessThan(2 ** 32)
    expect(seedFrom("abc")).not.toBe(seedFrom("abd"))
  })

  it("forks streams that do not depend on how far the parent has been drawn", () => {
    const fresh = createRandom(3).fork("verdicts")
    const used = createRandom(3)
    for (let index = 0; index < 100; index++) used.uniform()
    const late = used.fork("verdicts")
    expect([fresh.nextUint32(), fresh.nextUint32()]).toEqual([late.nextUint32(), late.nextUint32()])
    expect(createRandom(3).fork("faults").nextUint32()).not.toBe(createRandom(3).fork("verdicts").nextUint32())
  })

  it("keeps draws in range and gives a standard normal its mean and spread", () => {
    const random = createRandom(11)
    const uniforms = Array.from({ length: 10_000 }, () => random.uniform())
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...uniforms)).toBeLessThan(1)
    const integers = new Set(Array.from({ length: 2_000 }, () => random.integerBetween(3, 6)))
    expect([...integers].sort()).toEqual([3, 4, 5, 6])
    const normals = Array.from({ length: 20_000 }, () => random.normal())
    const mean = normals.reduce((sum, value) => sum + value, 0) / normals.length
    const variance = normals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / normals.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03)
  })

  it("draws logistic variates with P(ε > −1) = logistic(1)", () => {
    const random = createRandom(5)
    const draws = 40_000
    let above = 0
    for (let index = 0; index < draws; index++) if (random.logistic() > -1) above++
    expect(Math.abs(above / draws - 1 / (1 + Math.exp(-1)))).toBeLessThan(0.01)
  })

  it("shuffles into a permutation and writes hex of the asked length", () => {
    const random = createRandom(9)
    const items = Array.from({ length: 30 }, (_, index) => index)
    const shuffled = random.shuffled(items)
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
    expect(shuffled).not.toEqual(items)
    expect(random.hex(8)).toMatch(/^[0-9a-f]{8}$/)
    expect(random.hex(32)).toMatch(/^[0-9a-f]{32}$/)
  })
})
