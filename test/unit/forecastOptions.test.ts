import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { reliabilityOfArtefact } from "../../src/domain/artefactReliability.js"
import { forecastBudgets, forecastJudgeNoise } from "../../src/programs/forecastForRun.js"

const failureOf = <A, E>(effect: Effect.Effect<A, E>): E | undefined => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return undefined
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  return failure?._tag === "Fail" ? failure.error : undefined
}

describe("forecast budgets and judge noise", () => {
  it("defaults to five steps up to --max-comparisons, or to CJ's cap of 120", () => {
    expect(Effect.runSync(forecastBudgets(undefined, undefined))).toEqual([24, 48, 72, 96, 120])
    expect(Effect.runSync(forecastBudgets(undefined, 300))).toEqual([60, 120, 180, 240, 300])
    expect(Effect.runSync(forecastBudgets(undefined, 3))).toEqual([1, 2, 3])
  })

  it("takes the flag's budgets sorted, once each", () => {
    expect(Effect.runSync(forecastBudgets(" 120, 40,80,40", undefined))).toEqual([40, 80, 120])
  })

  it.each(["", "40,", "4e1", "-5", "0", "5001", "1,2,3,4,5,6,7,8,9,10,11,12,13"])("refuses --forecast-budgets %j, naming the flag", (raw) => {
    const error = failureOf(forecastBudgets(raw, undefined))
    expect(error).toMatchObject({ _tag: "InvalidFlag", flag: "--forecast-budgets" })
    expect(error?.fix).toContain("--forecast-budgets")
  })

  it("takes a judge noise above 0 up to 10, 1 by default", () => {
    expect(Effect.runSync(forecastJudgeNoise(undefined))).toBe(1)
    expect(Effect.runSync(forecastJudgeNoise("2.5"))).toBe(2.5)
    for (const raw of ["0", "-1", "11", "", "NaN", "Infinity"]) expect(failureOf(forecastJudgeNoise(raw))).toMatchObject({ _tag: "InvalidFlag", flag: "--forecast-judge-noise" })
  })
})

const record = (status: string, winner_id: string, loser_id: string) => ({ status, winner_id, loser_id })

describe("the reliability of an artefact", () => {
  const scores = [
    { essay_id: "s1", theta: 1, is_anchor: false },
    { essay_id: "s2", theta: -1, is_anchor: false },
    { essay_id: "a1", theta: 0, is_anchor: true }
  ]

  it("is null before the batch has scores", () => {
    expect(reliabilityOfArtefact([], [record("succeeded", "s1", "s2")])).toBeNull()
  })

  it("counts successful comparisons only, and gives a never-compared student no standard error", () => {
    const comparisons = [record("succeeded", "s1", "a1"), record("failed", "s1", "s2"), record("failed", "s2", "a1")]
    const result = reliabilityOfArtefact(scores, comparisons)
    expect(result?.under_compared).toEqual([
      { essay_id: "s2", comparisons: 0, standard_error: null },
      { essay_id: "s1", comparisons: 1, standard_error: expect.any(Number) }
    ])
    expect(result?.students).toBe(1)
    expect(result?.ssr).toBeNull()
  })
})
