import { describe, expect, it } from "vitest"
import { TOPICS } from "../../../src/domain/platform.js"
import { CJ_DEFAULT_SETTINGS } from "../../../src/sandbox/cjSettings.js"
import { runSimulation } from "../../../src/sandbox/simulateBatch.js"
import { exampleBatch, legacyScale } from "./exampleBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticStudents } from "./syntheticEssays.js"

const kinds = (topics: ReadonlyArray<string>) => {
  const callbacks = topics.filter((topic) => topic === TOPICS.comparisonResult).length
  return { callbacks, after: topics.slice(callbacks) }
}

// What the real platform does with examples/eng5 under CJ's defaults and a mock LLM; the
// platform suite runs the same batch through both and compares.
describe("the sandbox follows CJ's workflow on examples/eng5", () => {
  it("stops at CJ's default cap of 120 comparisons and completes successfully with a result", async () => {
    const { essays, request, options } = await exampleBatch()
    const outcome = runSimulation(request, essays, { ...options, seed: 1 })
    expect(kinds(outcome.messages.map((m) => m.topic))).toEqual({ callbacks: 120, after: [TOPICS.completed, TOPICS.resultPublished] })
    const completion = outcome.messages.find((m) => m.topic === TOPICS.completed)
    expect(completion?.topic === TOPICS.completed && completion.envelope.data.status).toBe("completed_successfully")
    expect(outcome.workflowEnd).toEqual({ kind: "completed", trigger: "callbacks_reached_cap" })
  })

  it("fails a batch whose comparisons all fail with low_success_rate after 120 callbacks", async () => {
    const { essays, request, options } = await exampleBatch()
    const outcome = runSimulation(request, essays, { ...options, seed: 1, errorRate: 1 })
    expect(kinds(outcome.messages.map((m) => m.topic))).toEqual({ callbacks: 120, after: [TOPICS.failed] })
    const failure = outcome.messages.at(-1)
    if (failure?.topic !== TOPICS.failed) throw new Error("no failure event")
    expect(failure.envelope.data.system_metadata.error_info).toEqual({
      reason: "low_success_rate",
      details: {
        callbacks_received: 120,
        completed_comparisons: 0,
        failed_comparisons: 120,
        success_rate: 0,
        success_rate_threshold: 0.8,
        callbacks_reached_cap: true,
        budget_exhausted: true
      }
    })
  })

  it("lets max_comparisons lower the budget but never raise it above the cap", async () => {
    const lower = await exampleBatch({ maxComparisons: 40 })
    expect(runSimulation(lower.request, lower.essays, { ...lower.options, seed: 1 }).pairs).toHaveLength(40)
    const higher = await exampleBatch({ maxComparisons: 500 })
    expect(runSimulation(higher.request, higher.essays, { ...higher.options, seed: 1 }).pairs).toHaveLength(120)
    expect(runSimulation(higher.request, higher.essays, { ...higher.options, seed: 1, cjSettings: { ...CJ_DEFAULT_SETTINGS, maxPairwiseComparisons: 500 } }).pairs).toHaveLength(500)
  })

  it("pairs every essay at most once per wave, anchors included, and never repeats a pair before coverage is complete", async () => {
    const { essays, request, options } = await exampleBatch()
    const outcome = runSimulation(request, essays, { ...options, seed: 3 })
    const firstWave = outcome.pairs.slice(0, 18).flatMap((pair) => [pair.essayA, pair.essayB])
    expect(new Set(firstWave).size).toBe(36)
    const keys = outcome.pairs.map((pair) => [pair.essayA, pair.essayB].sort().join("|"))
    expect(new Set(keys).size).toBe(120)
  })

  it("finishes once the scores are stable, after at least MIN_COMPARISONS_FOR_STABILITY_CHECK callbacks", async () => {
    const { essays, request, options } = await exampleBatch()
    const settings = { ...CJ_DEFAULT_SETTINGS, scoreStabilityThreshold: 100 }
    const outcome = runSimulation(request, essays, { ...options, seed: 1, cjSettings: settings })
    // The first iteration has no previous scores to compare with, so the second is the earliest stop.
    expect(outcome.workflowEnd).toEqual({ kind: "completed", trigger: "stability" })
    expect(outcome.pairs).toHaveLength(36)
    const late = runSimulation(request, essays, { ...options, seed: 1, cjSettings: { ...settings, minComparisonsForStabilityCheck: 50 } })
    // Waves of at most 18 pairs: the first stop past 50 callbacks is after the third.
    expect(late.waves).toBe(3)
    expect(late.pairs.length).toBeGreaterThanOrEqual(50)
  })

  it("leaves a batch that runs out of pairs below its budget to the batch monitor's sweep", () => {
    const students = syntheticStudents(5, "small")
    const request = requestFor(students, { assignmentId: null })
    const startMs = Date.parse("2026-02-07T10:00:00Z")
    const outcome = runSimulation(request, students, { seed: 2, gradeScale: legacyScale, now: () => new Date(startMs), newUuid: () => crypto.randomUUID() })
    expect(outcome.workflowEnd).toEqual({ kind: "completed", trigger: "monitor_sweep" })
    // Ten pairs in coverage, then CJ's one resampling pass; the budget of 120 is never reached.
    expect(outcome.pairs.length).toBeGreaterThan(10)
    expect(outcome.pairs.length).toBeLessThan(120)
    const completion = outcome.messages.find((m) => m.topic === TOPICS.completed)
    const completedAt = completion?.topic === TOPICS.completed ? Date.parse(completion.envelope.data.timestamp) : Number.NaN
    const sweepsAfterStart = (completedAt - 1500 - startMs - 30_000) / (5 * 60_000)
    expect(Number.isInteger(sweepsAfterStart)).toBe(true)
  })
})
