// Reliability forecast: wall time and memory at 200 and 1,000 students (12 anchors, 5 budgets up
// to 5 comparisons per essay, 20 rehearsals per budget), each against a baseline measured in the
// same run (one sandbox simulation of the same batch at its largest budget); then calibration on
// the example dataset: how many of 10 sandbox rehearsals have their split-half reliability inside
// the forecast's 10–90% interval (target: at least 6).
// Targets (issue 19): 200 students within 10 s; 1,000 within 60 s and 600 MB, on this 2-core machine.
// Usage: npx tsx bench/forecast.ts [students ...]
import { randomUUID } from "node:crypto"
import { GRADE_SCALES, type GradeScale } from "../src/domain/gradeScales.js"
import { CJ_DEFAULT_SETTINGS } from "../src/sandbox/cjSettings.js"
import { forecastReliability } from "../src/sandbox/forecast.js"
import { runSimulation } from "../src/sandbox/simulateBatch.js"
import { splitHalfReliability } from "../src/statistics/reliability.js"
import { exampleBatch } from "../test/unit/sandbox/exampleBatch.js"
import { requestFor } from "../test/unit/sandbox/sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "../test/unit/sandbox/syntheticEssays.js"

const scale = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale
const peakMb = () => process.resourceUsage().maxRSS / 1024
const two = (value: number | undefined) => (value === undefined ? "n/a " : value.toFixed(2))

const timeForecast = (students: number) => {
  const essays = [...syntheticStudents(students, `bench-${students}`), ...syntheticAnchors(scale.grades.slice(0, 9).concat(["E+", "C+", "B"]), `bench-${students}`)]
  const budgets = [1, 2, 3, 4, 5].map((perEssay) => Math.round((perEssay * essays.length) / 2))
  const top = budgets.at(-1) as number
  const settings = { ...CJ_DEFAULT_SETTINGS, maxPairwiseComparisons: top }
  const started = performance.now()
  runSimulation(requestFor(essays, { maxComparisons: top }), essays, { seed: 1, gradeScale: scale, cjSettings: settings, now: () => new Date(), newUuid: randomUUID })
  const baseline = (performance.now() - started) / 1000
  const start = performance.now()
  const forecast = forecastReliability({ essays, gradeScale: scale, budgets, runs: 20, seed: 1 })
  const seconds = (performance.now() - start) / 1000
  for (const b of forecast.budgets) {
    console.log(`  budget ${String(b.comparisons).padStart(5)} (${b.comparisonsPerEssay.toFixed(1)}/essay): true ${two(b.trueReliability?.mean)}  split-half ${two(b.splitHalf?.mean)}  SSR ${two(b.ssr?.mean)}  same grade ${two(b.stableGradeShare?.mean)}`)
  }
  const target = students >= 1000 ? 60 : 10
  console.log(`${students} students: forecast ${seconds.toFixed(1)} s = ${(seconds / baseline).toFixed(0)}× one simulation at ${top} comparisons (${baseline.toFixed(2)} s); target ${target} s ${seconds <= target ? "OK" : "OVER"}; peak RSS so far ${peakMb().toFixed(0)} MB`)
}

const calibration = async () => {
  const { essays, options } = await exampleBatch()
  const budget = 120
  const [forecast] = forecastReliability({ essays, gradeScale: options.gradeScale, budgets: [budget], runs: 20, seed: 1 }).budgets
  const interval = forecast?.splitHalf
  const realised = Array.from({ length: 10 }, (_, i) => {
    const outcome = runSimulation(requestFor(essays, { maxComparisons: budget }), essays, { ...options, seed: 1000 + i })
    const outcomes = outcome.comparisons.filter((c) => c.succeeded).map(({ pair, judgement }) => (judgement.winner === "A" ? { winner: pair.essayA, loser: pair.essayB } : { winner: pair.essayB, loser: pair.essayA }))
    return splitHalfReliability(outcome.essays.map((e) => ({ essayId: e.essayId, isAnchor: e.isAnchor })), outcomes, { seed: i })?.median ?? Number.NaN
  })
  const inside = realised.filter((r) => interval !== null && interval !== undefined && r >= interval.low && r <= interval.high).length
  console.log(`calibration, example dataset at ${budget}: forecast split-half ${two(interval?.mean)} (${two(interval?.low)}–${two(interval?.high)}); rehearsals ${realised.map((r) => r.toFixed(2)).join(" ")}; ${inside}/10 inside (target ≥ 6) ${inside >= 6 ? "OK" : "MISSED"}`)
}

const sizes = process.argv.slice(2).map(Number)
for (const students of sizes.length > 0 ? sizes : [200, 1000]) timeForecast(students)
await calibration()
