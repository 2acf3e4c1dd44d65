import { costOf, type ModelInfo } from "../domain/modelManifest.js"
import { TOPICS } from "../domain/platform.js"
import { wireTimestamp } from "../domain/time.js"
import { estimatePromptTokens, renderComparisonPrompt, sha256Hex } from "./comparisonPrompt.js"
import {
  CALLBACK_EVENT_TYPE,
  type ComparisonCallbackData,
  envelope,
  type ErrorDetailData,
  LLM_PROVIDER_SERVICE,
  type SimulatedMessage
} from "./platformEvents.js"
import { type Judgement, judge, type RatedEssay } from "./quality.js"
import type { Random } from "../statistics/random.js"
import type { WavePair } from "./wavePairing.js"

/**
 * The simulated LLM Provider: judges each planned pair and writes the callback the platform
 * would publish, with realistic tokens, cost and latency, and the requested faults.
 *
 * Timeline (milliseconds from the start of the simulation): CJ sends pair i at
 * `FIRST_DISPATCH_MS + i·DISPATCH_INTERVAL_MS`; the callback is published when the judge
 * answers, so callbacks arrive in order of completion, not of dispatch.
 */
export const FIRST_DISPATCH_MS = 500
export const DISPATCH_INTERVAL_MS = 40
const PUBLISH_DELAY_MS = 3

export interface JudgeSettings {
  readonly batchUuid: string
  readonly cjBatchId: string
  readonly provider: string
  readonly modelId: string
  /** The manifest entry, when the model is in it; prices come from here. */
  readonly modelInfo: ModelInfo | undefined
  readonly systemPrompt: string
  readonly rubric: string | null
  /** The assignment's instructions, sent with every pair; null when CJ has none. */
  readonly instructions: string | null
  readonly errorRate: number
  readonly duplicateRate: number
  /** Scale of the judge's logistic noise (1: the Bradley–Terry judge). */
  readonly judgeNoise?: number
}

export interface JudgeStreams {
  /** Verdicts: drawn for every pair, so the knobs never change how a pair is judged. */
  readonly verdicts: Random
  /** Completion tokens and latency. */
  readonly timing: Random
  /** Error and duplicate decisions. */
  readonly faults: Random
}

export interface SimulatedComparison {
  readonly pair: WavePair
  readonly judgement: Judgement
  /** False when the provider "failed" and an error callback went out instead of a verdict. */
  readonly succeeded: boolean
  readonly message: SimulatedMessage
  /** When the callback is published; a second entry is a duplicate delivery of the same message. */
  readonly deliveriesAtMs: ReadonlyArray<number>
}

interface SimulatedError {
  readonly code: string
  readonly message: string
  readonly latencyMs: (random: Random) => number
}

const SIMULATED_ERRORS: ReadonlyArray<SimulatedError> = [
  { code: "LLM_PROVIDER_RATE_LIMIT", message: "Provider rate limit reached (HTTP 429); retry later.", latencyMs: (r) => r.integerBetween(80, 600) },
  { code: "LLM_PROVIDER_TIMEOUT", message: "Provider did not answer within 60 s.", latencyMs: () => 60_000 },
  { code: "LLM_PROVIDER_UNAVAILABLE", message: "Provider unavailable (HTTP 503).", latencyMs: (r) => r.integerBetween(300, 3000) },
  { code: "LLM_INVALID_RESPONSE", message: "Provider answer did not match the comparison_result schema.", latencyMs: (r) => r.integerBetween(1500, 6000) }
]

const MIN_COMPLETION_TOKENS = 40
const MAX_COMPLETION_TOKENS = 120

/** The answer's tokens: the justification at about four characters a token, plus the JSON around it. */
const completionTokensFor = (justification: string, random: Random): number =>
  Math.min(MAX_COMPLETION_TOKENS, Math.max(MIN_COMPLETION_TOKENS, Math.ceil(justification.length / 4) + random.integerBetween(10, 40)))

/**
 * Models that reason bill their hidden reasoning as output (the manifest's
 * `uses_max_completion_tokens`): four times the visible answer here, inside the band the cost
 * estimate assumes for them (200–4000 per comparison).
 */
const REASONING_TOKENS_PER_ANSWER_TOKEN = 4
const billedCompletionTokens = (answerTokens: number, model: ModelInfo | undefined): number =>
  model?.uses_max_completion_tokens === true ? answerTokens * (1 + REASONING_TOKENS_PER_ANSWER_TOKEN) : answerTokens

/** Time to first byte plus reading the prompt plus writing the answer, with a seeded half-normal delay. */
const responseTimeFor = (promptTokens: number, completionTokens: number, random: Random): number =>
  Math.round(600 + 0.35 * promptTokens + 22 * completionTokens + Math.abs(random.normal(0, 700)))

const roundCost = (usd: number): number => Math.round(usd * 1e9) / 1e9

export const simulateComparisons = (
  pairs: ReadonlyArray<WavePair>,
  essays: ReadonlyMap<string, { readonly rated: RatedEssay; readonly text: string }>,
  settings: JudgeSettings,
  streams: JudgeStreams,
  startMs: number,
  newUuid: () => string
): Array<SimulatedComparison> =>
  pairs.map((pair, index) => {
    const essayA = essays.get(pair.essayA)
    const essayB = essays.get(pair.essayB)
    if (essayA === undefined || essayB === undefined) throw new RangeError(`pair ${pair.essayA} / ${pair.essayB} names an unknown essay`)
    const judgement = judge(essayA.rated, essayB.rated, streams.verdicts, settings.judgeNoise)
    const prompt = renderComparisonPrompt({ systemPrompt: settings.systemPrompt, rubric: settings.rubric, instructions: settings.instructions, essayAText: essayA.text, essayBText: essayB.text })
    const promptTokens = estimatePromptTokens(prompt)
    const completionTokens = billedCompletionTokens(completionTokensFor(judgement.justification, streams.timing), settings.modelInfo)
    const successLatency = responseTimeFor(promptTokens, completionTokens, streams.timing)

    const failure = streams.faults.chance(settings.errorRate)
      ? (SIMULATED_ERRORS[streams.faults.integerBetween(0, SIMULATED_ERRORS.length - 1)] as SimulatedError)
      : undefined
    const responseTimeMs = failure === undefined ? successLatency : failure.latencyMs(streams.faults)
    const requestedAtMs = startMs + FIRST_DISPATCH_MS + index * DISPATCH_INTERVAL_MS
    const completedAtMs = requestedAtMs + responseTimeMs
    const publishedAtMs = completedAtMs + PUBLISH_DELAY_MS
    const deliveriesAtMs = streams.faults.chance(settings.duplicateRate)
      ? [publishedAtMs, publishedAtMs + streams.faults.integerBetween(200, 5000)]
      : [publishedAtMs]

    const requestId = newUuid()
    const pairCorrelationId = newUuid()
    const eventId = newUuid()
    const completedAt = wireTimestamp(new Date(completedAtMs))
    const errorDetail: ErrorDetailData | null =
      failure === undefined
        ? null
        : {
            error_code: failure.code,
            message: failure.message,
            service: LLM_PROVIDER_SERVICE,
            operation: "generate_comparison",
            correlation_id: pairCorrelationId,
            timestamp: completedAt,
            details: { provider: settings.provider, model: settings.modelId },
            stack_trace: null,
            trace_id: null,
            span_id: null
          }
    const data: ComparisonCallbackData = {
      request_id: requestId,
      correlation_id: pairCorrelationId,
      winner: failure === undefined ? (judgement.winner === "A" ? "Essay A" : "Essay B") : null,
      justification: failure === undefined ? judgement.justification : null,
      confidence: failure === undefined ? judgement.confidence : null,
      error_detail: errorDetail,
      provider: settings.provider,
      model: failure === undefined ? settings.modelId : "unknown",
      response_time_ms: responseTimeMs,
      token_usage:
        failure === undefined
          ? { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
          : { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      cost_estimate: failure === undefined && settings.modelInfo !== undefined ? roundCost(costOf(settings.modelInfo, promptTokens, completionTokens)) : 0,
      requested_at: wireTimestamp(new Date(requestedAtMs)),
      completed_at: completedAt,
      trace_id: null,
      request_metadata: {
        essay_a_id: pair.essayA,
        essay_b_id: pair.essayB,
        bos_batch_id: settings.batchUuid,
        cj_batch_id: settings.cjBatchId,
        cj_source: "els",
        cj_request_type: "cj_comparison",
        prompt_sha256: sha256Hex(prompt)
      }
    }
    const message: SimulatedMessage = {
      topic: TOPICS.comparisonResult,
      key: null,
      envelope: envelope({
        eventId,
        eventType: CALLBACK_EVENT_TYPE,
        timestamp: wireTimestamp(new Date(publishedAtMs)),
        sourceService: LLM_PROVIDER_SERVICE,
        correlationId: pairCorrelationId,
        data,
        metadata: null
      })
    }
    return { pair, judgement, succeeded: failure === undefined, message, deliveriesAtMs }
  })
