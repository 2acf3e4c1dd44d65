import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { TOPICS } from "../../../src/domain/platform.js"
import type { SimulatedMessage } from "../../../src/sandbox/platformEvents.js"
import { kendallTauB } from "../../../src/statistics/kendallTauB.js"
import { CJ_DEFAULT_SETTINGS } from "../../../src/sandbox/cjSettings.js"
import { runSimulation, simulateBatch } from "../../../src/sandbox/simulateBatch.js"
import { requestFor } from "./sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "./syntheticEssays.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g
const fixedNow = () => new Date("2026-02-07T10:00:00Z")
const masked = (messages: ReadonlyArray<SimulatedMessage>): string => JSON.stringify(messages).replace(UUID, "<uuid>").replace(TIMESTAMP, "<timestamp>")

describe("simulated batch: reproducibility", () => {
  const students = syntheticStudents(10, "repro")
  const essays = [...students, ...syntheticAnchors(["E-", "D+", "C+", "B"], "repro")]
  const knobs = { errorRate: 0.2, duplicateRate: 0.2, gradeScale: legacy, newUuid: randomUUID }

  it("gives byte-identical messages for the same seed once timestamps and uuids are masked", () => {
    // Two separate requests (new batch uuid and correlation id), two different clocks.
    const first = simulateBatch(requestFor(essays, { assignmentId: "assignment-1" }), essays, { ...knobs, seed: 2026, now: () => new Date("2026-02-07T10:00:00.123Z") })
    const second = simulateBatch(requestFor(essays, { assignmentId: "assignment-1" }), essays, { ...knobs, seed: 2026, now: () => new Date("2026-03-01T18:30:00Z") })
    expect(JSON.stringify(first)).not.toBe(JSON.stringify(second))
    expect(masked(first)).toBe(masked(second))
  })

  it("changes the run when the seed changes", () => {
    const request = requestFor(essays, { assignmentId: "assignment-1" })
    expect(masked(simulateBatch(request, essays, { ...knobs, seed: 1, now: fixedNow }))).not.toBe(
      masked(simulateBatch(request, essays, { ...knobs, seed: 2, now: fixedNow }))
    )
  })

  it("judges each pair the same whatever the fault knobs say", () => {
    const request = requestFor(essays)
    const clean = runSimulation(request, essays, { ...knobs, errorRate: 0, duplicateRate: 0, seed: 5, now: fixedNow })
    const doubled = runSimulation(request, essays, { ...knobs, errorRate: 0, duplicateRate: 0.4, seed: 5, now: fixedNow })
    const faulty = runSimulation(request, essays, { ...knobs, errorRate: 0.4, duplicateRate: 0.4, seed: 5, now: fixedNow })
    const verdicts = (outcome: typeof clean) => outcome.comparisons.map((comparison) => comparison.judgement)
    expect(doubled.pairs).toEqual(clean.pairs)
    expect(verdicts(doubled)).toEqual(verdicts(clean))
    // Errors change CJ's later waves (its pairing follows the scores), never the first one.
    const firstWave = Math.floor(essays.length / 2)
    expect(faulty.pairs.slice(0, firstWave)).toEqual(clean.pairs.slice(0, firstWave))
    expect(verdicts(faulty).slice(0, firstWave)).toEqual(verdicts(clean).slice(0, firstWave))
  })
})

describe("simulated batch: recovering the latent order", () => {
  // 50 students and one anchor per grade, 1250 comparisons (CJ's cap raised to allow them):
  // about 42 comparisons per student.
  for (const seed of [1, 2, 3]) {
    it(`ranks 50 students close to their latent quality (Kendall's tau >= 0.8, seed ${seed})`, () => {
      const students = syntheticStudents(50, `tau-${seed}`)
      const essays = [...students, ...syntheticAnchors(legacy.grades, `tau-${seed}`)]
      const outcome = runSimulation(requestFor(essays, { maxComparisons: 1250 }), essays, {
        seed,
        gradeScale: legacy,
        cjSettings: { ...CJ_DEFAULT_SETTINGS, maxPairwiseComparisons: 1250 },
        now: fixedNow,
        newUuid: randomUUID
      })
      const result = outcome.messages.at(-1)
      if (result?.topic !== TOPICS.resultPublished) throw new Error("no result")
      const published = new Map(result.envelope.data.essay_results.map((essay) => [essay.essay_id, essay.bt_score]))
      const latent = outcome.essays.filter((essay) => !essay.isAnchor)
      const tau = kendallTauB(latent.map((essay) => [essay.quality, published.get(essay.essayId) ?? Number.NaN] as const)).value
      expect(outcome.comparisons).toHaveLength(1250)
      expect(tau).toBeGreaterThanOrEqual(0.8)

      // Projected grades follow each student's latent grade position. (CJ's calibration blends a
      // grade with fewer than three anchors towards a position on a 0–1 scale, not the θ scale,
      // so with one anchor per grade its grades are coarse: order, not distance, is what holds.)
      const gradeIndex = new Map(result.envelope.data.essay_results.map((essay) => [essay.essay_id, legacy.grades.indexOf(essay.letter_grade)]))
      const gradeTau = kendallTauB(latent.map((essay) => [essay.gradePosition, gradeIndex.get(essay.essayId) ?? Number.NaN] as const)).value
      expect(gradeTau).toBeGreaterThanOrEqual(0.6)
    })
  }
})
