import { TOPICS } from "../domain/platform.js"
import { wireTimestamp } from "../domain/time.js"
import type { CjEssayScore } from "../statistics/cjScoring.js"
import type { GradeProjection } from "../statistics/gradeProjection.js"
import {
  type AssessmentResultData,
  CJ_ASSESSMENT_SERVICE,
  type CompletionData,
  type EssayResultData,
  envelope,
  type FailureData,
  type ProcessingSummaryData,
  RESULT_EVENT_TYPE,
  type SimulatedMessage,
  type SystemMetadataData
} from "./platformEvents.js"

/**
 * The simulated CJ's batch-level events: the thin completion, the rich result and the failure
 * (contracts §2.6–2.8), built from the fit and the projections.
 */
export interface BatchContext {
  readonly batchUuid: string
  readonly cjBatchId: string
  /** The request's correlation id: CJ answers with it on every batch event. */
  readonly correlationId: string
  readonly startedAtMs: number
  readonly traceId: string
  readonly newUuid: () => string
  readonly newSpanId: () => string
}

export interface BatchEssay {
  /** The id as it appears in events: the student id as sent, or `ANCHOR_<id>_<8 hex>`. */
  readonly eventId: string
  readonly isAnchor: boolean
  readonly grade: string | undefined
}

/** EssayResultV1 accepts only letter grades (contracts §2.8); anything else is published as "U". */
const LETTER_GRADE = /^([A-F][+-]?|U)$/
const publishableGrade = (grade: string): string => (LETTER_GRADE.test(grade) ? grade : "U")
const MISSING_RANK = 999
const ANCHOR_GRADE_KEYS = ["A", "B", "C", "D", "E", "F", "U"] as const

const traceMetadata = (context: BatchContext): Record<string, unknown> => ({ traceparent: `00-${context.traceId}-${context.newSpanId()}-01` })

const systemMetadata = (context: BatchContext, stage: "completed" | "failed", event: string, atMs: number, errorInfo: Record<string, unknown>): SystemMetadataData => ({
  entity_id: context.batchUuid,
  entity_type: "batch",
  parent_id: null,
  timestamp: wireTimestamp(new Date(atMs)),
  processing_stage: stage,
  started_at: wireTimestamp(new Date(context.startedAtMs)),
  completed_at: wireTimestamp(new Date(atMs)),
  event,
  error_info: errorInfo
})

export const processingSummary = (students: ReadonlyArray<BatchEssay>, scored: ReadonlySet<string>, seconds: number): ProcessingSummaryData => {
  const successful = students.filter((student) => scored.has(student.eventId)).map((student) => student.eventId)
  const failed = students.filter((student) => !scored.has(student.eventId)).map((student) => student.eventId)
  return {
    total_essays: students.length,
    successful: successful.length,
    failed: failed.length,
    successful_essay_ids: successful,
    failed_essay_ids: failed,
    processing_time_seconds: seconds,
    single_essay_batch: students.length === 1
  }
}

export const completionMessage = (context: BatchContext, summary: ProcessingSummaryData, atMs: number): SimulatedMessage => {
  const data: CompletionData = {
    event_name: "cj_assessment.completed",
    entity_id: context.batchUuid,
    entity_type: "batch",
    parent_id: null,
    timestamp: wireTimestamp(new Date(atMs)),
    status: summary.successful > 0 ? "completed_successfully" : "failed_critically",
    system_metadata: systemMetadata(context, "completed", "cj_assessment.completed", atMs, {}),
    cj_assessment_job_id: context.cjBatchId,
    processing_summary: summary
  }
  return {
    topic: TOPICS.completed,
    key: context.batchUuid,
    envelope: envelope({ eventId: context.newUuid(), eventType: TOPICS.completed, timestamp: data.timestamp, sourceService: CJ_ASSESSMENT_SERVICE, correlationId: context.correlationId, data, metadata: traceMetadata(context) })
  }
}

/** The error_info of a failure the failBatch knob asked for (CJ's own low-success failure carries only reason and details). */
export const simulatedFailureInfo = (context: BatchContext, atMs: number, details: Record<string, unknown>): Record<string, unknown> => ({
  error_code: "SANDBOX_SIMULATED_FAILURE",
  error_message: "The sandbox CJ failed this batch on purpose (the failBatch knob).",
  correlation_id: context.correlationId,
  timestamp: wireTimestamp(new Date(atMs)),
  service: CJ_ASSESSMENT_SERVICE,
  details
})

export const failureMessage = (context: BatchContext, atMs: number, errorInfo: Record<string, unknown>): SimulatedMessage => {
  const timestamp = wireTimestamp(new Date(atMs))
  const data: FailureData = {
    event_name: "cj_assessment.failed",
    entity_id: context.batchUuid,
    entity_type: "batch",
    parent_id: null,
    timestamp,
    status: "failed_critically",
    system_metadata: systemMetadata(context, "failed", "cj_assessment.failed", atMs, errorInfo),
    cj_assessment_job_id: context.cjBatchId
  }
  return {
    topic: TOPICS.failed,
    key: context.batchUuid,
    envelope: envelope({ eventId: context.newUuid(), eventType: TOPICS.failed, timestamp, sourceService: CJ_ASSESSMENT_SERVICE, correlationId: context.correlationId, data, metadata: traceMetadata(context) })
  }
}

/**
 * One EssayResultV1 per essay, students first. bt_score is the centred θ; normalized_score
 * rescales θ to [0, 1] over the scored essays (min → 0, max → 1). An essay with no successful
 * comparison has no score: bt_score 0, rank 999, grade "U". Anchors carry their own grade with
 * confidence 1; students carry their projection, or "U" with confidence 0 when there is none.
 */
export const essayResults = (
  essays: ReadonlyArray<BatchEssay>,
  fitted: ReadonlyMap<string, CjEssayScore>,
  projections: ReadonlyMap<string, GradeProjection>
): Array<EssayResultData> => {
  const thetas = [...fitted.values()].map((essay) => essay.theta)
  const lowest = Math.min(...thetas)
  const spread = Math.max(...thetas) - lowest
  const ordered = [...essays.filter((essay) => !essay.isAnchor), ...essays.filter((essay) => essay.isAnchor)]
  return ordered.map((essay) => {
    const fit = fitted.get(essay.eventId)
    const projection = projections.get(essay.eventId)
    const grading =
      essay.isAnchor && essay.grade !== undefined
        ? { letter_grade: publishableGrade(essay.grade), confidence_score: 1, confidence_label: "HIGH" as const }
        : projection === undefined
          ? { letter_grade: "U", confidence_score: 0, confidence_label: "LOW" as const }
          : { letter_grade: publishableGrade(projection.grade), confidence_score: projection.confidence, confidence_label: projection.confidenceLabel }
    return {
      essay_id: essay.eventId,
      normalized_score: fit === undefined ? 0 : spread > 0 ? (fit.theta - lowest) / spread : 0.5,
      ...grading,
      bt_score: fit?.theta ?? 0,
      rank: fit?.rank ?? MISSING_RANK,
      is_anchor: essay.isAnchor,
      feedback_uri: null,
      metrics_uri: null,
      display_name: essay.isAnchor && essay.grade !== undefined ? `ANCHOR GRADE ${essay.grade}` : null
    }
  })
}

/** Anchors counted by the letter their grade starts with; grades that start with no letter A–F count as U. */
export const anchorGradeDistribution = (anchors: ReadonlyArray<BatchEssay>): Record<string, number> => {
  const counts: Record<string, number> = Object.fromEntries(ANCHOR_GRADE_KEYS.map((key) => [key, 0]))
  for (const anchor of anchors) {
    const letter = anchor.grade?.charAt(0) ?? ""
    const key = /^[A-F]$/.test(letter) ? letter : "U"
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

export interface ResultInputs {
  readonly essays: ReadonlyArray<BatchEssay>
  readonly fitted: ReadonlyMap<string, CjEssayScore>
  readonly projections: ReadonlyMap<string, GradeProjection>
  readonly provider: string
  readonly modelId: string
  readonly temperature: number | null
  readonly assignmentId: string | null
  readonly courseCode: string
  readonly processingSeconds: number
}

export const resultMessage = (context: BatchContext, inputs: ResultInputs, atMs: number): SimulatedMessage => {
  const timestamp = wireTimestamp(new Date(atMs))
  const anchors = inputs.essays.filter((essay) => essay.isAnchor && inputs.fitted.has(essay.eventId))
  const essayCount = inputs.essays.length
  const data: AssessmentResultData = {
    event_name: "assessment.result.published",
    entity_id: context.batchUuid,
    entity_type: "batch",
    parent_id: null,
    timestamp,
    batch_id: context.batchUuid,
    cj_assessment_job_id: context.cjBatchId,
    assignment_id: inputs.assignmentId,
    assessment_method: "cj_assessment",
    model_used: inputs.modelId,
    model_provider: inputs.provider,
    model_version: null,
    essay_results: essayResults(inputs.essays, inputs.fitted, inputs.projections),
    assessment_metadata: {
      anchor_essays_used: anchors.length,
      calibration_method: inputs.projections.size > 0 ? "anchor" : "default",
      anchor_grade_distribution: anchorGradeDistribution(anchors),
      // CJ publishes the n(n−1)/2 estimate here, not the number of comparisons made (contracts §2.8).
      comparison_count: (essayCount * (essayCount - 1)) / 2,
      processing_duration_seconds: inputs.processingSeconds,
      llm_temperature: inputs.temperature,
      assignment_id: inputs.assignmentId,
      course_code: inputs.courseCode
    },
    assessed_at: timestamp
  }
  return {
    topic: TOPICS.resultPublished,
    key: context.cjBatchId,
    envelope: envelope({ eventId: context.newUuid(), eventType: RESULT_EVENT_TYPE, timestamp, sourceService: CJ_ASSESSMENT_SERVICE, correlationId: context.correlationId, data, metadata: traceMetadata(context) })
  }
}
