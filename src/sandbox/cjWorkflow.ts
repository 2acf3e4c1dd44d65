import { type Outcome, scoreLikeCj } from "../statistics/cjScoring.js"
import { type CjSettings, resolveComparisonBudget } from "./cjSettings.js"
import type { Random } from "../statistics/random.js"
import { coverageWave, emptyPairingState, pairKey, resamplingWave, type WaveEssay, type WavePair } from "./wavePairing.js"

/**
 * CJ's callback-driven workflow (cj_core_logic/workflow_continuation.py, workflow_decision.py),
 * one iteration per wave: submit a wave, wait for all its callbacks, refit the BT scores, then
 *
 * 1. fail the batch ("low_success_rate") when a cap is reached and the success rate is below
 *    MIN_SUCCESS_RATE_THRESHOLD (or nothing succeeded);
 * 2. finish it when the scores are stable (at least MIN_COMPARISONS_FOR_STABILITY_CHECK callbacks,
 *    no score moved more than SCORE_STABILITY_THRESHOLD since the last iteration, success rate
 *    fine), when the callbacks reach the budget, or when the budget is spent;
 * 3. otherwise resample (once coverage is complete, within the resampling caps) or ask for
 *    another coverage wave.
 *
 * When no new wave can be formed (every pair used, yet the budget not reached), CJ asks for
 * nothing more and waits: the batch monitor's sweep finishes it later ("monitor_sweep").
 */
export interface JudgedComparison {
  readonly pair: WavePair
  readonly succeeded: boolean
  /** The winner's id; meaningful only when `succeeded`. */
  readonly winner: string
}

/** Judges one wave; called in wave order, so judges may keep their own clock. */
export type JudgeWave = (pairs: ReadonlyArray<WavePair>, wave: number) => ReadonlyArray<JudgedComparison>

export interface LowSuccessRateDetails {
  readonly callbacks_received: number
  readonly completed_comparisons: number
  readonly failed_comparisons: number
  readonly success_rate: number | null
  readonly success_rate_threshold: number
  readonly callbacks_reached_cap: boolean
  readonly budget_exhausted: boolean
}

export type CompletionTrigger = "stability" | "callbacks_reached_cap" | "budget_exhausted" | "small_net_cap" | "monitor_sweep"

export type WorkflowEnd =
  | { readonly kind: "completed"; readonly trigger: CompletionTrigger }
  | { readonly kind: "failed"; readonly reason: "low_success_rate"; readonly details: LowSuccessRateDetails }

export interface WorkflowResult {
  readonly budget: number
  readonly waves: number
  readonly comparisons: ReadonlyArray<JudgedComparison>
  readonly end: WorkflowEnd
}

export interface WorkflowInput {
  readonly essays: ReadonlyArray<WaveEssay>
  /** Students only: CJ's "expected essay count", which decides whether the batch is a small net. */
  readonly studentCount: number
  readonly maxComparisons: number | undefined
  readonly settings: CjSettings
  /** provider_batch_api: every wave up to the budget in one submission, no iterations. */
  readonly allAtOnce: boolean
  readonly random: Random
  readonly judgeWave: JudgeWave
}

/** Each successful comparison as winner and loser. */
export const outcomesOf = (comparisons: ReadonlyArray<JudgedComparison>): Array<Outcome> =>
  comparisons.filter((c) => c.succeeded).map(({ pair, winner }) => ({ winner, loser: winner === pair.essayA ? pair.essayB : pair.essayA }))

/** CJ's scores of every essay of the batch after a wave; none before a comparison has succeeded (CJ cannot score yet). */
const currentScores = (essays: ReadonlyArray<WaveEssay>, outcomes: ReadonlyArray<Outcome>, previous: ReadonlyMap<string, number>): Map<string, number> => {
  if (outcomes.length === 0) return new Map()
  const scoring = scoreLikeCj(essays.map((e) => ({ essayId: e.essayId, isAnchor: false })), outcomes, { standardErrors: false, initialTheta: previous })
  return new Map(scoring.essays.map((e) => [e.essayId, e.theta]))
}

const largestChange = (current: ReadonlyMap<string, number>, previous: ReadonlyMap<string, number>): number =>
  Math.max(0, ...[...current].map(([id, score]) => Math.abs(score - (previous.get(id) ?? 0))))

export const runCjWorkflow = (input: WorkflowInput): WorkflowResult => {
  const { essays, settings, random } = input
  const budget = resolveComparisonBudget(input.maxComparisons, settings)
  const state = emptyPairingState()
  const comparisons: Array<JudgedComparison> = []
  const maxPossiblePairs = (essays.length * (essays.length - 1)) / 2
  const isSmallNet = input.studentCount <= settings.minResamplingNetSize
  const resamplingCap = isSmallNet ? settings.maxResamplingPassesForSmallNet : Math.min(settings.maxResamplingPassesForRegularBatch, settings.maxResamplingPassesForSmallNet)
  let previous: ReadonlyMap<string, number> | undefined
  let resamplingPasses = 0
  let waves = 0

  const coverage = (): Array<WavePair> => {
    if (!input.allAtOnce) return coverageWave(essays, state, budget - comparisons.length, settings, random)
    const all: Array<WavePair> = []
    for (;;) {
      const wave = coverageWave(essays, state, budget - comparisons.length - all.length, settings, random)
      if (wave.length === 0) return all
      all.push(...wave)
    }
  }

  let wave = coverage()
  while (wave.length > 0) {
    waves++
    comparisons.push(...input.judgeWave(wave, waves))
    const completed = comparisons.filter((c) => c.succeeded).length
    const received = comparisons.length
    const failed = received - completed
    const outcomes = outcomesOf(comparisons)
    const scores = currentScores(essays, outcomes, previous ?? new Map())
    state.scores = scores

    const successRate = received > 0 ? completed / received : null
    const lowSuccess = received > 0 && (completed === 0 || (successRate as number) < settings.minSuccessRateThreshold)
    const reachedCap = received >= budget
    const exhausted = budget - comparisons.length <= 0
    const coveredPairs = new Set(outcomes.map((o) => pairKey(o.winner, o.loser))).size
    const coverageComplete = maxPossiblePairs > 0 && coveredPairs >= maxPossiblePairs
    const smallNetCapReached = isSmallNet && coverageComplete && resamplingPasses >= settings.maxResamplingPassesForSmallNet
    const stable = previous !== undefined && received >= settings.minComparisonsForStabilityCheck && largestChange(scores, previous) <= settings.scoreStabilityThreshold && !lowSuccess
    previous = scores

    const capped = reachedCap || exhausted || smallNetCapReached
    const mayResample = !input.allAtOnce && !stable && !(lowSuccess && capped) && !reachedCap && !exhausted && coverageComplete && resamplingPasses < resamplingCap
    if (mayResample) {
      resamplingPasses++
      wave = resamplingWave(essays, state, budget - comparisons.length, random)
      if (wave.length > 0) continue
    }
    if (lowSuccess && capped) {
      const details: LowSuccessRateDetails = {
        callbacks_received: received,
        completed_comparisons: completed,
        failed_comparisons: failed,
        success_rate: successRate,
        success_rate_threshold: settings.minSuccessRateThreshold,
        callbacks_reached_cap: reachedCap,
        budget_exhausted: exhausted
      }
      return { budget, waves, comparisons, end: { kind: "failed", reason: "low_success_rate", details } }
    }
    const trigger: CompletionTrigger | undefined = stable ? "stability" : reachedCap ? "callbacks_reached_cap" : exhausted ? "budget_exhausted" : smallNetCapReached ? "small_net_cap" : undefined
    if (trigger !== undefined) return { budget, waves, comparisons, end: { kind: "completed", trigger } }
    wave = input.allAtOnce ? [] : coverage()
  }
  return { budget, waves, comparisons, end: { kind: "completed", trigger: "monitor_sweep" } }
}
