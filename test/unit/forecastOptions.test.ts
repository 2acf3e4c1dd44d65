import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { forecastBudgets, forecastJudgeNoise, forecastTarget } from "../../src/programs/forecastForRun.js"

const failureOf = <A, E>(effect: Effect.Effect<A, E>): E | undefined => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return undefined
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  return failure?._tag === "Fail" ? failure.error : undefined
}

describe("forecast budgets and judge noise", () => {
  it("defaults to 1, 2, 3, 4, 6, 8 and 10 comparisons per essay and the run's own budget", () => {
    // 36 essays: each comparison counts for two of them, so n per essay is 18·n comparisons.
    expect(Effect.runSync(forecastBudgets(undefined, 36, 120))).toEqual([18, 36, 54, 72, 108, 120, 144, 180])
    expect(Effect.runSync(forecastBudgets(undefined, 3, 1))).toEqual([1, 2, 3, 5, 6, 9, 12, 15])
  })

  it("takes the flag's budgets sorted, once each", () => {
    expect(Effect.runSync(forecastBudgets(" 120, 40,80,40", 36, 120))).toEqual([40, 80, 120])
  })

  it.each(["", "40,", "4e1", "-5", "0", "20001", "1,2,3,4,5,6,7,8,9,10,11,12,13"])("refuses --forecast-budgets %j, naming the flag", (raw) => {
    const error = failureOf(forecastBudgets(raw, 36, 120))
    expect(error).toMatchObject({ _tag: "InvalidFlag", flag: "--forecast-budgets" })
    expect(error?.fix).toContain("--forecast-budgets")
  })

  it("takes a target reliability strictly between 0 and 1, 0.8 by default", () => {
    expect(Effect.runSync(forecastTarget(undefined))).toBe(0.8)
    expect(Effect.runSync(forecastTarget("0.7"))).toBe(0.7)
    for (const raw of ["0", "1", "80", "", "high"]) {
      const error = failureOf(forecastTarget(raw))
      expect(error).toMatchObject({ _tag: "InvalidFlag", flag: "--forecast-target" })
      expect(error?.fix).toContain("--forecast-target")
    }
  })

  it("takes a judge noise above 0 up to 10, 1 by default", () => {
    expect(Effect.runSync(forecastJudgeNoise(undefined))).toBe(1)
    expect(Effect.runSync(forecastJudgeNoise("2.5"))).toBe(2.5)
    for (const raw of ["0", "-1", "11", "", "NaN", "Infinity"]) expect(failureOf(forecastJudgeNoise(raw))).toMatchObject({ _tag: "InvalidFlag", flag: "--forecast-judge-noise" })
  })
})
