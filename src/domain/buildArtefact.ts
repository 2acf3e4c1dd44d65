import { createHash } from "node:crypto"
import type { AssessmentRunArtefact, ManifestEntry, RunnerStatus } from "./artefact.js"
import type { ArtefactReliability } from "./artefactReliability.js"
import { usdAtUserPrices } from "./costEstimate.js"
import { ARTEFACT_SCHEMA_VERSION, NIL_UUID } from "./artefact.js"
import type { DocumentBlob, Inventory } from "./inventory.js"
import type { LlmConfigOverrides } from "./requestEnvelope.js"
import type { AnchorSummaryItem } from "../services/CjAdmin.js"

export interface RunIdentity {
  readonly mode: string
  readonly batchUuid: string
  readonly batchLabel: string
  readonly correlationId: string
  readonly assignmentId: string | null
  readonly courseId: string | null
  readonly courseCode: string
  readonly language: string
  readonly gradeScale: string
  readonly llmOverrides: LlmConfigOverrides | null
}

export interface BuildInfo {
  readonly version: string
  readonly gitSha: string
  readonly nodeVersion: string
  readonly platform: string
}

const ZERO_CHECKSUM = "0".repeat(64)
const EMPTY_TEXT_SHA256 = createHash("sha256").update("").digest("hex")

const blobRecord = (blob: DocumentBlob | null) =>
  blob === null
    ? { source_path: "", checksum: EMPTY_TEXT_SHA256, content: "" }
    : { source_path: blob.path ?? "", checksum: blob.checksum, content: blob.content }

/** What a run knows about CJ's side of its inputs. */
export interface CjInputs {
  /** The ids sent to CJ for the students, in their order (recorded beside each stable id); none before a request. */
  readonly sentIds?: ReadonlyArray<string>
  /** CJ's anchor list for the assignment, when there is one. */
  readonly cjAnchors?: ReadonlyArray<AnchorSummaryItem>
}

/** The artefact before any event: inputs recorded, results empty. */
export const buildStubArtefact = (run: RunIdentity, inventory: Inventory, build: BuildInfo, now: Date, cj: CjInputs = {}): AssessmentRunArtefact => ({
  schema_version: ARTEFACT_SCHEMA_VERSION,
  metadata: {
    assignment_id: run.assignmentId ?? NIL_UUID,
    course_id: run.courseId ?? NIL_UUID,
    grade_scale: run.gradeScale,
    runner_version: build.version,
    git_sha: build.gitSha,
    generated_at: now.toISOString(),
    runner_mode: run.mode,
    batch_uuid: run.batchUuid,
    batch_id: run.batchLabel,
    correlation_id: run.correlationId,
    course_code: run.courseCode,
    language: run.language,
    llm_config_overrides: run.llmOverrides
  },
  inputs: {
    instructions: blobRecord(inventory.instructions),
    prompt_reference: blobRecord(inventory.instructions),
    anchors: inventory.anchors.map((a) => ({
      anchor_id: a.anchorId,
      file_name: a.fileName,
      grade: a.grade,
      source_path: a.path,
      checksum: a.checksum,
      ...(a.csvGrade !== null && a.csvGrade !== a.grade ? { notes: `anchors CSV grade: ${a.csvGrade}` } : {})
    })),
    students: inventory.students.map((s, i) => {
      const sent = cj.sentIds?.[i]
      return { essay_id: s.essayId, ...(sent === undefined ? {} : { cj_essay_id: sent }), file_name: s.fileName, source_path: s.path, checksum: s.checksum }
    }),
    ...(cj.cjAnchors === undefined
      ? {}
      : { cj_anchors: cj.cjAnchors.map((a) => ({ id: a.id, anchor_label: a.anchorLabel, grade: a.grade, grade_scale: a.gradeScale })) })
  },
  llm_comparisons: [],
  bt_summary: [],
  grade_projections: [],
  costs: { total_usd: 0, token_counts: [] },
  validation: {
    artefact_checksum: ZERO_CHECKSUM,
    manifest: [],
    cli_environment: {
      python: "not used",
      pdm: "not used",
      os: build.platform,
      docker_compose: "not used",
      node: build.nodeVersion,
      eng5: build.version
    },
    runner_status: {
      partial_data: false,
      timeout_seconds: 0,
      observed_events: { llm_comparisons: 0, duplicate_comparisons: 0, invalid_events: 0, assessment_results: 0, completions: 0, failures: 0 }
    },
    post_run: {}
  }
})

/** The artefact as written: 2-space JSON with a trailing newline. */
export const serialiseArtefact = (artefact: AssessmentRunArtefact): string => `${JSON.stringify(artefact, null, 2)}\n`

/** `validation.artefact_checksum` as serialiseArtefact lays it out: the only key at that depth with that name. */
const checksumField = (checksum: string) => `\n    "artefact_checksum": "${checksum}"`

/**
 * The artefact as written (UTF-8 bytes), with its manifest and checksum set. The checksum is the
 * SHA-256 of the serialised artefact with `artefact_checksum` set to 64 zeros, so anyone can
 * recompute it; it is written over the zeros, so the artefact is serialised and encoded once.
 */
export const sealedArtefactBytes = (artefact: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>): Buffer => {
  const bytes = Buffer.from(serialiseArtefact({ ...artefact, validation: { ...artefact.validation, manifest, artefact_checksum: ZERO_CHECKSUM } }))
  const checksum = createHash("sha256").update(bytes).digest("hex")
  bytes.write(checksumField(checksum), bytes.indexOf(checksumField(ZERO_CHECKSUM)))
  return bytes
}

export const sealedArtefactText = (artefact: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>): string =>
  sealedArtefactBytes(artefact, manifest).toString("utf8")

/** The results part of an artefact, as the hydrator and the follow loop know them. */
export interface HydratedResults {
  readonly bt_summary: AssessmentRunArtefact["bt_summary"]
  readonly grade_projections: AssessmentRunArtefact["grade_projections"]
  readonly costs: AssessmentRunArtefact["costs"]
  readonly runner_status: RunnerStatus
  readonly post_run?: Readonly<Record<string, unknown>>
  readonly reliability?: ArtefactReliability
}

/** The platform's reported costs, the estimate made before the run, and the tokens at the user's prices when given. */
export const artefactCostsOf = (stub: AssessmentRunArtefact, results: Pick<HydratedResults, "costs">): AssessmentRunArtefact["costs"] => {
  const estimate = stub.costs.estimate
  if (estimate === undefined) return results.costs
  const atUserPrices = usdAtUserPrices(estimate, results.costs.token_counts)
  return { ...results.costs, estimate, ...(atUserPrices === null ? {} : { total_usd_at_user_prices: atUserPrices }) }
}

/** The stub's metadata and inputs with the results but the comparison records filled in. */
export const hydratedShell = (stub: AssessmentRunArtefact, results: HydratedResults): AssessmentRunArtefact => ({
  ...stub,
  llm_comparisons: [],
  bt_summary: results.bt_summary,
  grade_projections: results.grade_projections,
  costs: artefactCostsOf(stub, results),
  ...(results.reliability === undefined ? {} : { reliability: results.reliability }),
  validation: {
    ...stub.validation,
    runner_status: results.runner_status,
    post_run: results.post_run ?? stub.validation.post_run
  }
})
