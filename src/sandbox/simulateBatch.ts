import manifestJson from "../data/model-manifest.json" with { type: "json" }
import type { GradeScale } from "../domain/gradeScales.js"
import { lookupModel, type ModelInfo } from "../domain/modelManifest.js"
import type { RequestEnvelope } from "../domain/requestEnvelope.js"
import { DEFAULT_CJ_SYSTEM_PROMPT } from "../domain/systemPrompt.js"
import { type BatchContext, type BatchEssay, completionMessage, failureMessage, processingSummary, resultMessage, simulatedFailureInfo } from "./batchEvents.js"
import { CJ_DEFAULT_SETTINGS, type CjSettings, checkSettings, MONITOR_FIRST_SWEEP_MS, submitsAllAtOnce } from "./cjSettings.js"
import { runCjWorkflow, type WorkflowEnd } from "./cjWorkflow.js"
import { FIRST_DISPATCH_MS, type SimulatedComparison, simulateComparisons } from "./comparisonCallbacks.js"
import { type CjEssayScore, type CjScoring, scoreLikeCj } from "../statistics/cjScoring.js"
import { type GradeProjection, projectGrades } from "../statistics/gradeProjection.js"
import type { SimulatedMessage } from "./platformEvents.js"
import { DEFAULT_QUALITY_MODEL, type EssayInput, type QualityModel, type RatedEssay, rateEssays } from "./quality.js"
import { createRandom } from "../statistics/random.js"
import type { WavePair } from "./wavePairing.js"

/**
 * The simulated CJ Assessment Service and LLM Provider for one request: pairs, verdicts,
 * callbacks, a Bradley–Terry fit, grade projections and the batch events, returned as the
 * ordered list of messages the platform would publish. Pure: time comes from `now()` (read
 * once; every timestamp is that instant plus a simulated offset) and ids from `newUuid()`.
 * Everything else is drawn from streams forked off `seed`, so the same seed and inputs give
 * the same messages once timestamps and uuids are masked.
 */
export type SandboxEssay = EssayInput

export interface SimulationOptions {
  readonly seed: number | string
  readonly gradeScale: GradeScale
  /** Used when the request names no provider; CJ's own default is openai. */
  readonly defaultProvider?: string
  /** Used when the request names no model; CJ's own default is gpt-5.1. */
  readonly defaultModel?: string
  /** Share of comparisons answered with an error callback instead of a verdict, 0–1. */
  readonly errorRate?: number
  /** Share of callbacks delivered twice (same message, same request_id), 0–1. */
  readonly duplicateRate?: number
  /** Publish CJAssessmentFailedV1 after the callbacks instead of the completion and the result. */
  readonly failBatch?: boolean
  /** Publish the completion but never the rich result. */
  readonly dropResult?: boolean
  readonly qualityModel?: QualityModel
  /** CJ's workflow settings; CJ's defaults when not given. */
  readonly cjSettings?: CjSettings
  /** CJ's internal batch id; seeded when not given. */
  readonly cjBatchId?: string
  /** The assignment's instructions CJ sends with every pair (the dataset's instructions file). */
  readonly instructions?: string
  readonly now: () => Date
  readonly newUuid: () => string
}

export interface SimulationOutcome {
  readonly messages: ReadonlyArray<SimulatedMessage>
  /** Students in request order, then anchors; `essayId` is the id used in events. */
  readonly essays: ReadonlyArray<RatedEssay>
  readonly pairs: ReadonlyArray<WavePair>
  readonly comparisons: ReadonlyArray<SimulatedComparison>
  /** CJ's scoring of every essay of the batch; undefined when no comparison succeeded (CJ then has no scores). */
  readonly fit: CjScoring | undefined
  readonly projections: ReadonlyArray<GradeProjection>
  readonly cjBatchId: string
  readonly provider: string
  readonly modelId: string
  /** How CJ's workflow ended: which rule finished the batch, or why it failed. */
  readonly workflowEnd: WorkflowEnd
  readonly waves: number
}

export const CJ_DEFAULT_PROVIDER = "openai"
export const CJ_DEFAULT_MODEL = "gpt-5.1"
/** CJ picks the request up this long after the simulation starts. */
const PICKUP_DELAY_MS = 200
const COMPLETION_DELAY_MS = 1500
const RESULT_AFTER_COMPLETION_MS = 300
const FAILURE_DELAY_MS = 1000
/** After a wave's last callback, CJ rescores and sends the next wave this much later. */
const CONTINUATION_DELAY_MS = 250

/** The first batch-monitor sweep after `atMs`, counting sweeps from the start of the simulation. */
const nextSweepMs = (startMs: number, atMs: number, settings: CjSettings): number => {
  const interval = settings.batchMonitorIntervalMinutes * 60_000
  const first = startMs + MONITOR_FIRST_SWEEP_MS
  return atMs <= first ? first : first + Math.ceil((atMs - first) / interval) * interval
}

const providerDefaults: Readonly<Record<string, { readonly default_model: string | null }>> = manifestJson.providers

interface ResolvedModel {
  readonly provider: string
  readonly modelId: string
  readonly modelInfo: ModelInfo | undefined
}

const defaultModelOf = (provider: string): string => providerDefaults[provider]?.default_model ?? "unknown"

const withPrices = (provider: string, modelId: string): ResolvedModel => {
  const found = lookupModel(modelId, provider)
  return found._tag === "Found" ? { provider: found.provider, modelId, modelInfo: found.model } : { provider, modelId, modelInfo: undefined }
}

/**
 * The request's overrides first, then the options' defaults, then CJ's (openai, gpt-5.1).
 * A model named alone finds its provider in the manifest; a provider named alone brings its
 * manifest default model. An unknown model is used as named and costs nothing.
 */
export const resolveModel = (request: RequestEnvelope, options: Pick<SimulationOptions, "defaultProvider" | "defaultModel">): ResolvedModel => {
  const overrides = request.data.llm_config_overrides
  const requestedProvider = overrides?.provider_override?.toLowerCase() ?? undefined
  const requestedModel = overrides?.model_override ?? undefined
  if (requestedModel !== undefined) {
    const found = lookupModel(requestedModel, requestedProvider)
    if (found._tag === "Found") return { provider: found.provider, modelId: requestedModel, modelInfo: found.model }
    return withPrices(requestedProvider ?? options.defaultProvider ?? CJ_DEFAULT_PROVIDER, requestedModel)
  }
  if (requestedProvider !== undefined) return withPrices(requestedProvider, defaultModelOf(requestedProvider))
  if (options.defaultProvider === undefined) return withPrices(CJ_DEFAULT_PROVIDER, options.defaultModel ?? CJ_DEFAULT_MODEL)
  return withPrices(options.defaultProvider, options.defaultModel ?? defaultModelOf(options.defaultProvider))
}

const checkRate = (name: string, value: number | undefined): number => {
  const rate = value ?? 0
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`)
  return rate
}

/** Students exactly as the request lists them, texts from `essays`; anchors from `essays`. */
const splitEssays = (request: RequestEnvelope, essays: ReadonlyArray<SandboxEssay>) => {
  const texts = new Map(essays.filter((essay) => !essay.isAnchor).map((essay) => [essay.essayId, essay]))
  const requested = new Set(request.data.essays_for_cj.map((ref) => ref.essay_id))
  const extra = [...texts.keys()].filter((id) => !requested.has(id))
  if (extra.length > 0) throw new RangeError(`students not in the request: ${extra.join(", ")}`)
  const students = request.data.essays_for_cj.map((ref) => {
    const essay = texts.get(ref.essay_id)
    if (essay === undefined) throw new RangeError(`no text for requested essay ${ref.essay_id}`)
    return essay
  })
  return { students, anchors: essays.filter((essay) => essay.isAnchor) }
}

/**
 * CJ's scoring after the last callback: each successful comparison once (duplicates are
 * deliveries, not comparisons), every essay of the batch scored, compared or not, as CJ does.
 */
const scoreSuccessfulComparisons = (comparisons: ReadonlyArray<SimulatedComparison>, rated: ReadonlyArray<RatedEssay>) => {
  const outcomes = comparisons
    .filter((comparison) => comparison.succeeded)
    .map(({ pair, judgement }) => (judgement.winner === "A" ? { winner: pair.essayA, loser: pair.essayB } : { winner: pair.essayB, loser: pair.essayA }))
  const fit = outcomes.length === 0 ? undefined : scoreLikeCj(rated.map((essay) => ({ essayId: essay.essayId, isAnchor: essay.isAnchor })), outcomes)
  const fitted = new Map<string, CjEssayScore>((fit?.essays ?? []).map((essay) => [essay.essayId, essay]))
  return { outcomes, fit, fitted }
}

const projectStudents = (essays: ReadonlyArray<BatchEssay>, fitted: ReadonlyMap<string, CjEssayScore>, scale: GradeScale) => {
  const students = essays.flatMap((essay) => {
    const fit = fitted.get(essay.eventId)
    return !essay.isAnchor && fit !== undefined ? [fit] : []
  })
  const anchors = essays.flatMap((essay) => {
    const fit = fitted.get(essay.eventId)
    return essay.isAnchor && essay.grade !== undefined && fit !== undefined ? [{ essayId: essay.eventId, grade: essay.grade, theta: fit.theta }] : []
  })
  return projectGrades(students, anchors, scale)
}

/** Every delivery (duplicates included) by publication time; ties keep dispatch order. */
const inPublicationOrder = (comparisons: ReadonlyArray<SimulatedComparison>) =>
  comparisons
    .flatMap((comparison) => comparison.deliveriesAtMs.map((atMs) => ({ atMs, message: comparison.message })))
    .map((delivery, sequence) => ({ ...delivery, sequence }))
    .sort((a, b) => a.atMs - b.atMs || a.sequence - b.sequence)

export const runSimulation = (request: RequestEnvelope, essays: ReadonlyArray<SandboxEssay>, options: SimulationOptions): SimulationOutcome => {
  const errorRate = checkRate("errorRate", options.errorRate)
  const duplicateRate = checkRate("duplicateRate", options.duplicateRate)
  const random = createRandom(options.seed)
  const platform = random.fork("platform")
  const startMs = options.now().getTime()
  const batchUuid = request.data.entity_id
  const cjBatchId = options.cjBatchId ?? String(platform.integerBetween(100, 99_999))

  const { students, anchors } = splitEssays(request, essays)
  const anchorsWithEventIds = anchors.map((anchor) => ({ ...anchor, essayId: `ANCHOR_${anchor.essayId}_${random.fork(`anchor-id:${anchor.essayId}`).hex(8)}` }))
  const inBatch = [...students, ...anchorsWithEventIds]
  const rated = rateEssays(inBatch, options.gradeScale, random.fork("quality"), options.qualityModel ?? DEFAULT_QUALITY_MODEL)
  const byEventId = new Map(rated.map((essay, index) => [essay.essayId, { rated: essay, text: (inBatch[index] as SandboxEssay).text }]))

  const model = resolveModel(request, options)
  const overrides = request.data.llm_config_overrides
  const cjSettings = checkSettings(options.cjSettings ?? CJ_DEFAULT_SETTINGS)
  const judgeSettings = {
    batchUuid,
    cjBatchId,
    provider: model.provider,
    modelId: model.modelId,
    modelInfo: model.modelInfo,
    systemPrompt: overrides?.system_prompt_override ?? DEFAULT_CJ_SYSTEM_PROMPT,
    rubric: overrides?.judge_rubric_override ?? null,
    instructions: options.instructions ?? null,
    errorRate,
    duplicateRate,
    judgeNoise: options.qualityModel?.judgeNoise ?? 1
  }
  const streams = { verdicts: random.fork("verdicts"), timing: random.fork("timing"), faults: random.fork("faults") }
  const comparisons: Array<SimulatedComparison> = []
  let waveStartMs = startMs
  const workflow = runCjWorkflow({
    essays: rated,
    studentCount: students.length,
    maxComparisons: request.metadata.max_comparisons,
    settings: cjSettings,
    allAtOnce: submitsAllAtOnce(request.metadata.llm_batching_mode_hint, model.provider),
    random: random.fork("pairing"),
    judgeWave: (wavePairs) => {
      const judged = simulateComparisons(wavePairs, byEventId, judgeSettings, streams, waveStartMs, options.newUuid)
      comparisons.push(...judged)
      // CJ waits for every callback of the wave, first deliveries only (a duplicate is not counted twice).
      waveStartMs = Math.max(...judged.map((c) => c.deliveriesAtMs[0] as number)) + CONTINUATION_DELAY_MS - FIRST_DISPATCH_MS
      return judged.map(({ pair, judgement, succeeded }) => ({ pair, succeeded, winner: judgement.winner === "A" ? pair.essayA : pair.essayB }))
    }
  })
  const pairs = comparisons.map((comparison) => comparison.pair)

  const { outcomes, fit, fitted } = scoreSuccessfulComparisons(comparisons, rated)
  const batchEssays: Array<BatchEssay> = [
    ...students.map((student) => ({ eventId: student.essayId, isAnchor: false, grade: undefined })),
    ...anchorsWithEventIds.map((anchor) => ({ eventId: anchor.essayId, isAnchor: true, grade: anchor.grade }))
  ]
  const projections = projectStudents(batchEssays, fitted, options.gradeScale)
  const deliveries = inPublicationOrder(comparisons)
  const lastCallbackMs = Math.max(startMs + FIRST_DISPATCH_MS, ...deliveries.map((delivery) => delivery.atMs))
  const startedAtMs = startMs + PICKUP_DELAY_MS
  const context: BatchContext = {
    batchUuid,
    cjBatchId,
    correlationId: request.correlation_id,
    startedAtMs,
    traceId: platform.hex(32),
    newUuid: options.newUuid,
    newSpanId: () => platform.hex(16)
  }

  const batchMessages: Array<SimulatedMessage> = []
  const end = workflow.end
  if (options.failBatch === true || end.kind === "failed") {
    const failedAtMs = lastCallbackMs + FAILURE_DELAY_MS
    const info =
      end.kind === "failed"
        ? { reason: end.reason, details: end.details }
        : simulatedFailureInfo(context, failedAtMs, { comparisons_attempted: comparisons.length, comparisons_succeeded: outcomes.length })
    batchMessages.push(failureMessage(context, failedAtMs, info))
  } else {
    const completedAtMs = end.trigger === "monitor_sweep" ? nextSweepMs(startMs, lastCallbackMs, cjSettings) + COMPLETION_DELAY_MS : lastCallbackMs + COMPLETION_DELAY_MS
    const processingSeconds = (completedAtMs - startedAtMs) / 1000
    const scoredStudents = new Set(students.map((student) => student.essayId).filter((id) => fitted.has(id)))
    batchMessages.push(completionMessage(context, processingSummary(batchEssays.filter((essay) => !essay.isAnchor), scoredStudents, processingSeconds), completedAtMs))
    if (options.dropResult !== true) {
      const inputs = {
        essays: batchEssays,
        fitted,
        projections: new Map(projections.map((projection) => [projection.essayId, projection])),
        provider: model.provider,
        modelId: model.modelId,
        temperature: overrides?.temperature_override ?? null,
        assignmentId: request.data.assignment_id,
        courseCode: request.data.course_code,
        processingSeconds
      }
      batchMessages.push(resultMessage(context, inputs, completedAtMs + RESULT_AFTER_COMPLETION_MS))
    }
  }

  return {
    messages: [...deliveries.map((delivery) => delivery.message), ...batchMessages],
    essays: rated,
    pairs,
    comparisons,
    fit,
    projections,
    cjBatchId,
    provider: model.provider,
    modelId: model.modelId,
    workflowEnd: end,
    waves: workflow.waves
  }
}

/** The messages alone, in publication order. */
export const simulateBatch = (request: RequestEnvelope, essays: ReadonlyArray<SandboxEssay>, options: SimulationOptions): ReadonlyArray<SimulatedMessage> =>
  runSimulation(request, essays, options).messages
