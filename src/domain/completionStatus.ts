import { Predicate } from "effect"
import type { AssessmentCompleted } from "./consumedEvents.js"

/**
 * What the `status` of CJ's completion event means for the run. CJ's completion event carries a
 * `BatchStatus` (common_core `status_enums.py`): CJ sets `completed_successfully` when at least
 * one student essay was scored and `failed_critically` when none was (dual_event_publisher.py);
 * the enum's other terminal values (`completed_with_failures`, `cancelled`) and its in-flight
 * values are never a success either. Only a success status lets a run exit 0.
 */
export type CompletionVerdict = { readonly _tag: "Succeeded" } | { readonly _tag: "Failed"; readonly reason: string }

/** The statuses that mean CJ scored the batch. */
export const SUCCESS_STATUSES: ReadonlyArray<string> = ["completed_successfully"]

/** Every other terminal `BatchStatus`, with what it means to a researcher. */
const FAILURE_MEANINGS: Readonly<Record<string, string>> = {
  failed_critically: "CJ scored no student essay of the batch",
  completed_with_failures: "CJ finished the batch but some essays failed",
  cancelled: "the batch was cancelled in CJ",
  content_ingestion_failed: "CJ could not ingest the batch's content"
}

const count = (summary: Readonly<Record<string, unknown>>, key: string): number | undefined => {
  const value = summary[key]
  return Predicate.isNumber(value) ? value : undefined
}

const ids = (summary: Readonly<Record<string, unknown>>, key: string): ReadonlyArray<string> => {
  const value = summary[key]
  return Array.isArray(value) ? value.filter(Predicate.isString) : []
}

const LISTED_IDS = 5

/** CJ's own account of the batch (`processing_summary`), in a sentence. */
const summaryOf = (summary: Readonly<Record<string, unknown>> | undefined): string | undefined => {
  if (summary === undefined) return undefined
  const total = count(summary, "total_essays")
  const successful = count(summary, "successful")
  if (total === undefined || successful === undefined) return undefined
  if (total === 0) return "CJ held no student essay for the batch (an essay id sent again in a later batch is moved there)"
  const failed = ids(summary, "failed_essay_ids")
  const listed = failed.length === 0 ? "" : ` (failed: ${failed.slice(0, LISTED_IDS).join(", ")}${failed.length > LISTED_IDS ? ", …" : ""})`
  return `${successful} of ${total} student essays scored${listed}`
}

export const completionVerdict = (completion: AssessmentCompleted): CompletionVerdict => {
  const status = completion.status.trim().toLowerCase()
  if (SUCCESS_STATUSES.includes(status)) return { _tag: "Succeeded" }
  const meaning = FAILURE_MEANINGS[status] ?? "a status that is not a successful completion"
  const details = summaryOf(completion.processing_summary)
  return { _tag: "Failed", reason: `CJ status ${completion.status}: ${meaning}${details === undefined ? "" : `; ${details}`}` }
}

/** The failure reason of a completion, or null when its status is a success. */
export const completionFailureOf = (completion: AssessmentCompleted | null): string | null => {
  if (completion === null) return null
  const verdict = completionVerdict(completion)
  return verdict._tag === "Failed" ? verdict.reason : null
}
