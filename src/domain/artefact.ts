import { Schema } from "effect"
import { ArtefactReliability } from "./artefactReliability.js"
import { CostEstimate } from "./costEstimate.js"
import { LlmConfigOverrides } from "./requestEnvelope.js"

/**
 * The assessment run artefact (spec §5.4–5.5), field by field. Every object the JSON
 * schema declares is here with its constraints; eng5's additions (batch ids, runner
 * status, post-run outcomes) are extra keys the schema allows.
 */
export const ARTEFACT_SCHEMA_VERSION = "1.0.0"
/** Stands in for an id that was not given (no `--assignment-id` or `--course-id`). */
export const NIL_UUID = "00000000-0000-0000-0000-000000000000"

const Sha256 = Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/))
const Uuid = Schema.String.check(Schema.isUUID())
const IsoDateTime = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/))
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const NonNegative = Schema.Number.check(Schema.isGreaterThanOrEqualTo(0))

export const RUNNER_MODES = ["plan", "dry-run", "execute"] as const

/**
 * eng5's addition: present only on a sandbox rehearsal, so it is never mistaken for data: the
 * seed that reproduces it, CJ's settings it simulated, and the faults it was asked to inject.
 */
export const SandboxRecord = Schema.Struct({
  seed: Schema.Int,
  judge: Schema.String,
  cj_settings: Schema.Record(Schema.String, Schema.Number),
  error_rate: Schema.Number,
  duplicate_rate: Schema.Number,
  fail_batch: Schema.Boolean,
  drop_result: Schema.Boolean
})
export type SandboxRecord = typeof SandboxRecord.Type

export const ArtefactMetadata = Schema.Struct({
  assignment_id: Uuid,
  course_id: Uuid,
  grade_scale: Schema.String,
  runner_version: Schema.String,
  git_sha: Schema.String.check(Schema.isPattern(/^[0-9a-f]{7,40}$/)),
  generated_at: IsoDateTime,
  runner_mode: Schema.String,
  /** eng5's addition: the plugin mode that ran execute's pipeline (runner_mode stays "execute", the schema's enum). */
  mode: Schema.optionalKey(Schema.String),
  batch_uuid: Uuid,
  batch_id: Schema.String,
  correlation_id: Uuid,
  course_code: Schema.String,
  language: Schema.String,
  llm_config_overrides: Schema.NullOr(LlmConfigOverrides),
  sandbox: Schema.optionalKey(SandboxRecord)
})

export const DocumentBlobRecord = Schema.Struct({ source_path: Schema.String, checksum: Sha256, content: Schema.String })

export const AnchorRecord = Schema.Struct({
  anchor_id: Schema.String,
  file_name: Schema.String,
  grade: Schema.String,
  source_path: Schema.String,
  checksum: Sha256,
  notes: Schema.optionalKey(Schema.String)
})

/** One anchor of CJ's anchor list: CJ names it `ANCHOR_<id>_<8 hex>` in a batch. */
export const CjAnchorRecord = Schema.Struct({ id: Schema.Int, anchor_label: Schema.String, grade: Schema.String, grade_scale: Schema.String })

export const StudentRecord = Schema.Struct({
  essay_id: Schema.String.check(Schema.isPattern(/^[a-z0-9_-]{3,64}$/)),
  /** eng5's addition: the id CJ received for this essay in this batch (sentIds.ts); absent in runs of older eng5, which sent `essay_id`. */
  cj_essay_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(36))),
  file_name: Schema.String,
  source_path: Schema.String,
  checksum: Sha256,
  notes: Schema.optionalKey(Schema.String)
})

export const ComparisonRecord = Schema.Struct({
  sequence: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  request_id: Schema.String,
  correlation_id: Uuid,
  winner_id: Schema.String,
  loser_id: Schema.String,
  essay_a_id: Schema.String,
  essay_b_id: Schema.String,
  prompt_hash: Sha256,
  provider: Schema.String,
  model: Schema.String,
  tokens_prompt: NonNegativeInt,
  tokens_completion: NonNegativeInt,
  cost_usd: NonNegative,
  started_at: IsoDateTime,
  completed_at: IsoDateTime,
  status: Schema.Literals(["submitted", "succeeded", "failed"]),
  confidence: Schema.optionalKey(Schema.Number),
  justification: Schema.optionalKey(Schema.String),
  failure_reason: Schema.optionalKey(Schema.String),
  error_code: Schema.optionalKey(Schema.String)
})
export type ComparisonRecord = typeof ComparisonRecord.Type

export const BtEntry = Schema.Struct({
  essay_id: Schema.String,
  theta: Schema.Number,
  standard_error: NonNegative,
  rank: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  comparison_count: NonNegativeInt,
  is_anchor: Schema.Boolean,
  anchor_grade: Schema.optionalKey(Schema.String),
  grade_projection: Schema.optionalKey(Schema.String),
  /** eng5's addition: the letter grade CJ published, when it differs from the anchor's known grade recorded above. */
  cj_letter_grade: Schema.optionalKey(Schema.String),
  normalized_score: Schema.optionalKey(Schema.Number),
  /** False when `standard_error` is a placeholder: CJ's result event carries no standard errors. */
  standard_error_available: Schema.optionalKey(Schema.Boolean)
})
export type BtEntry = typeof BtEntry.Type

/**
 * Where a projection's probabilities come from; CJ's result event usually has no distribution.
 * `anchor_grade`: the essay is an anchor and its grade is known (CJ's anchor list, its file name
 * or the anchors CSV), not projected.
 */
export const PROBABILITY_SOURCES = ["cj_grade_probabilities", "cj_confidence_score", "no_projection", "anchor_grade"] as const

export const GradeProjection = Schema.Struct({
  essay_id: Schema.String,
  grade_scale: Schema.String,
  grade: Schema.String,
  probabilities: Schema.Record(Schema.String, Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  primary_anchor_id: Schema.optionalKey(Schema.String),
  anchor_alignment: Schema.optionalKey(Schema.String),
  confidence_score: Schema.optionalKey(Schema.Number),
  confidence_label: Schema.optionalKey(Schema.String),
  probabilities_source: Schema.optionalKey(Schema.Literals(PROBABILITY_SOURCES)),
  /** eng5's addition: the letter grade CJ published, when it differs from the anchor's known grade in `grade`. */
  cj_letter_grade: Schema.optionalKey(Schema.String)
})
export type GradeProjection = typeof GradeProjection.Type

export const CostBreakdown = Schema.Struct({
  provider: Schema.String,
  model: Schema.String,
  prompt_tokens: NonNegativeInt,
  completion_tokens: NonNegativeInt,
  usd: NonNegative,
  comparisons: Schema.optionalKey(NonNegativeInt),
  failed_comparisons: Schema.optionalKey(NonNegativeInt)
})
export type CostBreakdown = typeof CostBreakdown.Type

export const ManifestEntry = Schema.Struct({ path: Schema.String, sha256: Sha256, bytes: NonNegativeInt })
export type ManifestEntry = typeof ManifestEntry.Type

/** How following the batch ended (eng5's addition; absent in plan and dry-run artefacts). */
export const RUN_OUTCOMES = [
  "not_published",
  "not_followed",
  "following",
  "completed",
  "completed_without_result",
  "batch_failed",
  "timed_out",
  "interrupted",
  "kafka_failed",
  "write_failed"
] as const
export type RunOutcome = (typeof RUN_OUTCOMES)[number]

export const ObservedEvents = Schema.Struct({
  llm_comparisons: NonNegativeInt,
  duplicate_comparisons: NonNegativeInt,
  invalid_events: NonNegativeInt,
  assessment_results: NonNegativeInt,
  completions: NonNegativeInt,
  failures: NonNegativeInt,
  failed_comparisons: Schema.optionalKey(NonNegativeInt)
})
export type ObservedEvents = typeof ObservedEvents.Type

export const RunnerStatus = Schema.Struct({
  partial_data: Schema.Boolean,
  timeout_seconds: NonNegative,
  observed_events: ObservedEvents,
  outcome: Schema.optionalKey(Schema.Literals(RUN_OUTCOMES)),
  /** CJ's `status` from the completion event. */
  cj_status: Schema.optionalKey(Schema.NullOr(Schema.String)),
  /** CJ's reason from the failure event, or why eng5 stopped following. */
  failure_reason: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type RunnerStatus = typeof RunnerStatus.Type

export const Validation = Schema.Struct({
  artefact_checksum: Sha256,
  manifest: Schema.Array(ManifestEntry),
  cli_environment: Schema.Struct({
    python: Schema.String,
    pdm: Schema.String,
    os: Schema.String,
    docker_compose: Schema.String,
    node: Schema.String,
    eng5: Schema.String
  }),
  runner_status: RunnerStatus,
  post_run: Schema.Record(Schema.String, Schema.Unknown)
})

export const AssessmentRunArtefact = Schema.Struct({
  schema_version: Schema.String.check(Schema.isPattern(/^1\.0\.\d+$/)),
  metadata: ArtefactMetadata,
  inputs: Schema.Struct({
    instructions: DocumentBlobRecord,
    prompt_reference: DocumentBlobRecord,
    anchors: Schema.Array(AnchorRecord).check(Schema.isMinLength(1)),
    students: Schema.Array(StudentRecord).check(Schema.isMinLength(1)),
    /** eng5's addition: the anchors CJ held for the assignment when the run started (its anchor list), whose grades CJ's results do not carry. */
    cj_anchors: Schema.optionalKey(Schema.Array(CjAnchorRecord))
  }),
  llm_comparisons: Schema.Array(ComparisonRecord),
  bt_summary: Schema.Array(BtEntry),
  grade_projections: Schema.Array(GradeProjection),
  costs: Schema.Struct({
    total_usd: NonNegative,
    token_counts: Schema.Array(CostBreakdown),
    /** eng5's addition: the price range estimated before the run, kept beside the actual cost. */
    estimate: Schema.optionalKey(CostEstimate),
    /** eng5's addition: the tokens priced at the user's --usd-per-1k-input/--usd-per-1k-output (the prices are in `estimate.prices`, source user_supplied). */
    total_usd_at_user_prices: Schema.optionalKey(NonNegative)
  }),
  /** eng5's addition: the SSR of the BT scores and the students compared too few times, once the batch has scores. */
  reliability: Schema.optionalKey(ArtefactReliability),
  validation: Validation
})
export type AssessmentRunArtefact = typeof AssessmentRunArtefact.Type
