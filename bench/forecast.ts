// Wall time of a reliability forecast: 100 essays (88 students, one anchor for each of the 12
// grades), 5 budgets, 20 sandbox runs per budget, on one thread. Baseline in the same run: one
// plain sandbox simulation of the same batch at CJ's default budget (target: forecast < 10 s).
// Usage: npx tsx bench/forecast.ts
import { randomUUID } from "node:crypto"
import { GRADE_SCALES, type GradeScale } from "../src/domain/gradeScales.js"
import { forecastReliability } from "../src/sandbox/forecast.js"
import { runSimulation } from "../src/sandbox/simulateBatch.js"
import { requestFor } from "../test/unit/sandbox/sandboxRequest.js"
import { syntheticAnchors, syntheticStudents } from "../test/unit/sandbox/syntheticEssays.js"

const scale = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale
const essays = [...syntheticStudents(88, "bench"), ...syntheticAnchors(scale.grades.slice(0, 12), "bench")]
const budgets = [120, 250, 500, 750, 1000]

const started = performance.now()
runSimulation(requestFor(essays), essays, { seed: 1, gradeScale: scale, now: () => new Date(), newUuid: randomUUID })
const baseline = performance.now() - started

const start = performance.now()
const forecast = forecastReliability({ essays, gradeScale: scale, budgets, runs: 20, seed: 1 })
const seconds = (performance.now() - start) / 1000
for (const b of forecast.budgets) console.log(`budget ${b.budget}: SSR ${b.ssr.mean.toFixed(3)} [${b.ssr.low.toFixed(3)}, ${b.ssr.high.toFixed(3)}], stable grades ${((b.stableGradeShare ?? 0) * 100).toFixed(0)}%`)
console.log(`one sandbox simulation (120 comparisons):     ${(baseline / 1000).toFixed(2)} s`)
console.log(`forecast, 5 budgets × 20 runs, one thread:    ${seconds.toFixed(2)} s  (${(seconds / (baseline / 1000)).toFixed(0)}× one simulation; target < 10 s) ${seconds < 10 ? "OK" : "OVER"}`)
