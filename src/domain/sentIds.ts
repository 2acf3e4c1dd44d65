import { createHash } from "node:crypto"
import type { BatchEvent } from "./classifyRecord.js"
import type { AssessmentCompleted, AssessmentResult } from "./consumedEvents.js"
import { MAX_ESSAY_ID_LENGTH } from "./ids.js"

/**
 * The essay ids eng5 sends to CJ. CJ keys essays by id alone and moves an id sent again to the
 * newest batch, so the stable id of a file (ids.ts) cannot be sent as it is: every batch sends
 * its own ids, and everything eng5 writes (artefact, reports, grade projections) keeps the
 * stable id, with the id sent recorded beside it (`inputs.students[].cj_essay_id`).
 *
 * The id sent is the stable id (cut to 27 characters) and `-` and 8 hex digits of the SHA-256
 * of the batch UUID: readable, and different in every batch. When cutting makes two ids of a
 * batch equal, each such essay gets the stable id cut to 22 characters, `-`, its position in
 * the batch (base 36, 4 digits) and the batch part: unique within the batch by construction.
 */
const BATCH_PART_LENGTH = 8
const SEPARATOR = "-"
const NATURAL_PREFIX = MAX_ESSAY_ID_LENGTH - SEPARATOR.length - BATCH_PART_LENGTH
const POSITION_LENGTH = 4
const FALLBACK_PREFIX = NATURAL_PREFIX - SEPARATOR.length - POSITION_LENGTH

/** The part of every id sent in this batch that is the batch's own. */
export const batchPart = (batchUuid: string): string =>
  createHash("sha256").update(batchUuid.toLowerCase(), "utf8").digest("hex").slice(0, BATCH_PART_LENGTH)

/** The ids to send for the batch's essays, in the same order; never longer than CJ's 36 characters. */
export const sentEssayIds = (stableIds: ReadonlyArray<string>, batchUuid: string): ReadonlyArray<string> => {
  const part = batchPart(batchUuid)
  const natural = stableIds.map((id) => `${id.slice(0, NATURAL_PREFIX)}${SEPARATOR}${part}`)
  const uses = new Map<string, number>()
  for (const id of natural) uses.set(id, (uses.get(id) ?? 0) + 1)
  const taken = new Set(natural.filter((id) => uses.get(id) === 1))
  let position = 0
  return natural.map((id, index) => {
    if (uses.get(id) === 1) return id
    const prefix = (stableIds[index] ?? "").slice(0, FALLBACK_PREFIX)
    let candidate: string
    do {
      candidate = `${prefix}${SEPARATOR}${(position++).toString(36).padStart(POSITION_LENGTH, "0")}${SEPARATOR}${part}`
    } while (taken.has(candidate))
    taken.add(candidate)
    return candidate
  })
}

/** Sent id → stable id of one batch. Ids it does not know (CJ's own anchors) are kept as they are. */
export class EssayIdMap {
  private readonly stableOf: ReadonlyMap<string, string>

  constructor(pairs: Iterable<readonly [sent: string, stable: string]>) {
    this.stableOf = new Map([...pairs].filter(([sent, stable]) => sent !== stable))
  }

  /** From the artefact's inputs: students without `cj_essay_id` (runs of older eng5) were sent as they are. */
  static fromStudents(students: ReadonlyArray<{ readonly essay_id: string; readonly cj_essay_id?: string | undefined }>): EssayIdMap {
    return new EssayIdMap(students.map((s) => [s.cj_essay_id ?? s.essay_id, s.essay_id] as const))
  }

  stable(id: string): string {
    return this.stableOf.get(id) ?? id
  }

  /** The event with every essay id CJ echoed replaced by its stable id (the stored event is left as received). */
  toStable(event: BatchEvent): BatchEvent {
    if (this.stableOf.size === 0) return event
    switch (event.kind) {
      case "comparison":
        return { ...event, essayAId: this.stable(event.essayAId), essayBId: this.stable(event.essayBId) }
      case "result":
        return { ...event, payload: this.resultToStable(event.payload) }
      case "completion":
        return { ...event, payload: this.completionToStable(event.payload) }
      case "failure":
        return event
    }
  }

  /** The essay ids CJ lists in `processing_summary` (scored and failed students). */
  private completionToStable(completion: AssessmentCompleted): AssessmentCompleted {
    const summary = completion.processing_summary
    if (summary === undefined) return completion
    const ids = (value: unknown) => (Array.isArray(value) ? value.map((id) => (typeof id === "string" ? this.stable(id) : id)) : value)
    return {
      ...completion,
      processing_summary: { ...summary, successful_essay_ids: ids(summary["successful_essay_ids"]), failed_essay_ids: ids(summary["failed_essay_ids"]) }
    }
  }

  private resultToStable(result: AssessmentResult): AssessmentResult {
    const metadata = result.assessment_metadata
    const summary = metadata?.["grade_projection_summary"]
    const probabilities = isRecord(summary) ? summary["grade_probabilities"] : undefined
    return {
      ...result,
      essay_results: result.essay_results.map((essay) => ({ ...essay, essay_id: this.stable(essay.essay_id) })),
      ...(metadata === undefined || metadata === null || !isRecord(summary) || !isRecord(probabilities)
        ? {}
        : {
            assessment_metadata: {
              ...metadata,
              grade_projection_summary: {
                ...summary,
                grade_probabilities: Object.fromEntries(Object.entries(probabilities).map(([id, p]) => [this.stable(id), p]))
              }
            }
          })
    }
  }
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value)
