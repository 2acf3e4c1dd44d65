import type { RunOutcome, SandboxRecord } from "../domain/artefact.js"
import type { ArtefactReliability } from "../domain/artefactReliability.js"
import { artefactCostsOf } from "../domain/buildArtefact.js"
import type { CostEstimate } from "../domain/costEstimate.js"
import { type Eng5Failure, ExitCode } from "../errors.js"
import type { PublishedMessage } from "../services/KafkaBus.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"
import type { HookRecord } from "./postRun.js"
import { runFailureOf } from "./runFailure.js"
import { type RunRecording, resultsNow, type StatusOfRun } from "./runRecording.js"

/** Which batch a report is about and where its run folder's files are (every run report). */
export interface RunFolderReport {
  readonly batchUuid: string
  readonly batchLabel: string
  readonly correlationId: string
  readonly runFolder: string
  readonly requestPath: string
  readonly artefactPath: string
  readonly logPath: string
}

/** What execute and attach print at the end (a table, or this object with --json). */
export interface RunReport extends RunFolderReport {
  /** execute, attach, or a plugin mode's name. */
  readonly mode: string
  /** Set for a sandbox rehearsal (the artefact's metadata.sandbox): simulated, never data. */
  readonly sandbox: SandboxRecord | null
  readonly published: PublishedMessage | null
  readonly outcome: RunOutcome
  /** One sentence on how the run ended. */
  readonly message: string
  readonly exitCode: ExitCode
  /** How the run failed (tag, message, fix, exit code); null when it succeeded. */
  readonly error: FailureSummary | null
  readonly partialData: boolean
  readonly elapsedSeconds: number
  readonly upload: { readonly essays: number; readonly uploaded: number; readonly reused: number; readonly cachePath: string } | null
  readonly comparisons: { readonly received: number; readonly succeeded: number; readonly failed: number; readonly duplicates: number }
  readonly events: { readonly completions: number; readonly results: number; readonly failures: number; readonly invalid: number }
  readonly cjStatus: string | null
  readonly costs: {
    readonly totalUsd: number
    /** The range estimated before the run, for comparison with `totalUsd`. */
    readonly estimate: CostEstimate | null
    /** The tokens at the user's --usd-per-1k-input/--usd-per-1k-output; null when they gave none. */
    readonly atUserPricesUsd: number | null
    readonly byModel: ReadonlyArray<{
      readonly provider: string
      readonly model: string
      readonly comparisons: number
      readonly failed: number
      readonly promptTokens: number
      readonly completionTokens: number
      readonly usd: number
    }>
  }
  readonly promptHashes: ReadonlyArray<{ readonly hash: string; readonly comparisons: number }>
  readonly gradeProjections: ReadonlyArray<{
    readonly essayId: string
    readonly grade: string
    readonly probability: number | null
    readonly probabilitySource: string
    readonly confidenceLabel: string | null
    readonly rank: number
    readonly theta: number
    /** CJ's SE of θ, computed by eng5 from the comparisons; null before scores. */
    readonly standardError: number | null
    readonly comparisons: number
  }>
  readonly postRun: ReadonlyArray<{ readonly hook: string; readonly status: string; readonly detail: string }>
  /** The SSR of the BT scores and the students compared too few times (the artefact's `reliability`); null before any scores. */
  readonly reliability: ArtefactReliability | null
  /** reports/report.html, written at the end of a completed run. */
  readonly htmlReport?: string
  /** The command that continues this batch, when following did not finish it. */
  readonly attachCommand: string | null
}

const MESSAGES: Readonly<Record<RunOutcome, string>> = {
  not_published: "Kafka disabled (--no-kafka): the request was written but not published.",
  not_followed: "Request published; not following the batch (no --await-completion).",
  following: "Still following.",
  completed: "CJ completed the batch and published its result.",
  completed_without_result: "CJ completed the batch, but its assessment result did not arrive in time: the data is partial.",
  batch_failed: "CJ reported the batch as failed.",
  timed_out: "Timed out waiting for CJ: the data is partial.",
  interrupted: "Interrupted.",
  kafka_failed: "Kafka failed while following the batch.",
  write_failed: "The run folder stopped taking writes while following the batch; the batch runs on in CJ."
}

/** The run a report is about, beside its recording: its label, ids, files and published request. */
export interface ReportedRun {
  readonly batchLabel: string
  readonly correlationId: string
  readonly requestPath: string
  readonly logPath: string
  readonly published: PublishedMessage | null
}

export interface ReportInputs {
  readonly mode: string
  readonly recording: RunRecording
  readonly run: ReportedRun
  readonly upload: RunReport["upload"]
  /** How following ended, as the artefact records it. */
  readonly status: StatusOfRun
  readonly elapsedMs: number
  readonly hooks: Readonly<Record<string, HookRecord>>
  /** Why following stopped before the batch ended (Ctrl-C, Kafka, the run folder), when it did: the report's error. */
  readonly stopped?: Eng5Failure
}

const failedHooksOf = (hooks: Readonly<Record<string, HookRecord>>): ReadonlyArray<string> =>
  Object.entries(hooks).filter(([, record]) => record.status === "failed").map(([name]) => name)

const messageOf = (input: ReportInputs): string => {
  if (input.stopped !== undefined) return input.stopped.message
  const { outcome, failureReason } = input.status
  const base = failureReason === null || outcome === "timed_out" ? MESSAGES[outcome] : `${MESSAGES[outcome]} ${failureReason}.`
  const failed = failedHooksOf(input.hooks)
  return failed.length === 0 ? base : `${base} Post-run hook failed: ${failed.join(", ")} (recorded in the artefact; the batch result is kept).`
}

export const buildRunReport = (input: ReportInputs): RunReport => {
  const h = input.recording.hydrator
  const { sections, reliability } = resultsNow(input.recording)
  const observed = sections.observed_events
  const message = messageOf(input)
  const { outcome } = input.status
  const error = input.stopped === undefined ? runFailureOf(outcome, failedHooksOf(input.hooks), message, input.recording.continueHint.sentence) : summariseFailure(input.stopped)
  const unfinished = !["completed", "batch_failed", "not_published"].includes(outcome)
  const btById = new Map(sections.bt_summary.map((entry) => [entry.essay_id, entry]))
  const costs = artefactCostsOf(input.recording.stub, sections)
  return {
    mode: input.mode,
    sandbox: input.recording.stub.metadata.sandbox ?? null,
    batchUuid: input.recording.batchUuid,
    batchLabel: input.run.batchLabel,
    correlationId: input.run.correlationId,
    runFolder: input.recording.folder,
    requestPath: input.run.requestPath,
    artefactPath: input.recording.artefactPath,
    logPath: input.run.logPath,
    published: input.run.published,
    outcome,
    message,
    exitCode: error?.exitCode ?? ExitCode.Success,
    error,
    partialData: input.status.partial,
    elapsedSeconds: Math.round(input.elapsedMs / 10) / 100,
    upload: input.upload,
    comparisons: {
      received: h.comparisonCount,
      succeeded: h.comparisonCount - h.failedComparisonCount,
      failed: h.failedComparisonCount,
      duplicates: observed.duplicate_comparisons
    },
    events: { completions: observed.completions, results: observed.assessment_results, failures: observed.failures, invalid: observed.invalid_events },
    cjStatus: h.completion?.status ?? null,
    costs: {
      totalUsd: costs.total_usd,
      estimate: costs.estimate ?? null,
      atUserPricesUsd: costs.total_usd_at_user_prices ?? null,
      byModel: sections.costs.token_counts.map((b) => ({
        provider: b.provider,
        model: b.model,
        comparisons: b.comparisons,
        failed: b.failed_comparisons,
        promptTokens: b.prompt_tokens,
        completionTokens: b.completion_tokens,
        usd: b.usd
      }))
    },
    promptHashes: h.promptHashes(),
    gradeProjections: sections.grade_projections
      .filter((p) => btById.get(p.essay_id)?.is_anchor !== true)
      .map((p) => {
        const bt = btById.get(p.essay_id)
        return {
          essayId: p.essay_id,
          grade: p.grade,
          probability: p.probabilities[p.grade] ?? null,
          probabilitySource: p.probabilities_source ?? "cj_grade_probabilities",
          confidenceLabel: p.confidence_label ?? null,
          rank: bt?.rank ?? 0,
          theta: bt?.theta ?? 0,
          standardError: bt?.standard_error_available === true ? bt.standard_error : null,
          comparisons: bt?.comparison_count ?? 0
        }
      }),
    postRun: Object.entries(input.hooks).map(([hook, record]) => ({ hook, status: record.status, detail: record.detail })),
    reliability,
    attachCommand: unfinished ? input.recording.continueHint.attachCommand : null
  }
}
