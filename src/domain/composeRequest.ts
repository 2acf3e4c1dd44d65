import type { CourseCode, Language } from "./platform.js"
import { REQUEST_EVENT_NAME, SOURCE_SERVICE, TOPICS } from "./platform.js"
import type { EssayRef, LlmConfigOverrides, RequestEnvelope } from "./requestEnvelope.js"
import { wireTimestamp } from "./time.js"

export interface LlmSettings {
  readonly provider?: string
  readonly model?: string
  readonly temperature?: number
  readonly maxTokens?: number
  readonly systemPrompt?: string
  readonly rubric?: string
  readonly reasoningEffort?: string
  readonly outputVerbosity?: string
}

/**
 * The overrides object, or null when no setting is given. A temperature of 0 is a real
 * setting and is sent (the old runner dropped it, bug B7).
 */
export const buildLlmOverrides = (llm: LlmSettings): LlmConfigOverrides | null => {
  const overrides: LlmConfigOverrides = {
    model_override: llm.model ?? null,
    temperature_override: llm.temperature ?? null,
    max_tokens_override: llm.maxTokens ?? null,
    provider_override: llm.provider ?? null,
    system_prompt_override: llm.systemPrompt ?? null,
    judge_rubric_override: llm.rubric ?? null,
    reasoning_effort: llm.reasoningEffort ?? null,
    output_verbosity: llm.outputVerbosity ?? null
  }
  return Object.values(overrides).every((value) => value === null) ? null : overrides
}

export interface RequestInputs {
  readonly eventId: string
  readonly batchUuid: string
  readonly correlationId: string
  readonly now: Date
  readonly assignmentId: string | null
  readonly essays: ReadonlyArray<EssayRef>
  readonly language: Language
  readonly courseCode: CourseCode
  readonly userId: string
  readonly orgId: string | null
  readonly llmOverrides: LlmConfigOverrides | null
  readonly runnerMode: string
  readonly batchLabel: string
  readonly maxComparisons?: number
  readonly llmBatchingModeHint?: string
}

export const composeRequest = (input: RequestInputs): RequestEnvelope => {
  const timestamp = wireTimestamp(input.now)
  return {
    event_id: input.eventId,
    event_type: TOPICS.request,
    event_timestamp: timestamp,
    source_service: SOURCE_SERVICE,
    schema_version: 1,
    correlation_id: input.correlationId,
    data_schema_uri: null,
    data: {
      event_name: REQUEST_EVENT_NAME,
      entity_id: input.batchUuid,
      entity_type: "batch",
      parent_id: input.assignmentId,
      timestamp,
      system_metadata: {
        entity_id: input.batchUuid,
        entity_type: "batch",
        parent_id: input.assignmentId,
        timestamp,
        processing_stage: "pending",
        started_at: null,
        completed_at: null,
        event: REQUEST_EVENT_NAME,
        error_info: {}
      },
      essays_for_cj: input.essays,
      language: input.language,
      course_code: input.courseCode,
      student_prompt_ref: null,
      llm_config_overrides: input.llmOverrides,
      assignment_id: input.assignmentId,
      user_id: input.userId,
      org_id: input.orgId
    },
    metadata: {
      runner_mode: input.runnerMode,
      batch_label: input.batchLabel,
      ...(input.maxComparisons === undefined ? {} : { max_comparisons: input.maxComparisons }),
      ...(input.llmBatchingModeHint === undefined ? {} : { llm_batching_mode_hint: input.llmBatchingModeHint })
    }
  }
}
