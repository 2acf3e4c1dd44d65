import { createHash } from "node:crypto"
import type { AssessmentRunArtefact, ComparisonRecord, ManifestEntry, RunnerStatus } from "./artefact.js"
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

/**
 * Sets the manifest and the checksum. The checksum is the SHA-256 of the serialised
 * artefact with `artefact_checksum` set to 64 zeros, so anyone can recompute it.
 */
export const sealArtefact = (artefact: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>): AssessmentRunArtefact => {
  const unsealed = { ...artefact, validation: { ...artefact.validation, manifest, artefact_checksum: ZERO_CHECKSUM } }
  const checksum = createHash("sha256").update(serialiseArtefact(unsealed)).digest("hex")
  return { ...unsealed, validation: { ...unsealed.validation, artefact_checksum: checksum } }
}

const FRAGMENT_WRAPPER_HEAD = '{\n  "l": [\n'
const FRAGMENT_WRAPPER_TAIL = "\n  ]\n}"

/** One comparison record exactly as `serialiseArtefact` lays it out inside `llm_comparisons`. */
export const comparisonFragment = (record: ComparisonRecord): string => {
  // Stringified inside a list inside an object, the record gets exactly the artefact's
  // indentation; cutting the wrapper off is cheaper than re-indenting every line.
  const wrapped = JSON.stringify({ l: [record] }, null, 2)
  return wrapped.slice(FRAGMENT_WRAPPER_HEAD.length, wrapped.length - FRAGMENT_WRAPPER_TAIL.length)
}


const COMPARISONS_MARKER = "\u0000eng5-comparisons\u0000"
const MARKER_LINE = `\n    ${JSON.stringify(COMPARISONS_MARKER)}\n`
const CHECKSUM_FIELD = (checksum: string) => `"artefact_checksum": "${checksum}"`

/**
 * A sealed artefact as three pieces whose concatenation `head + body + tail` is exactly
 * `serialiseArtefact(sealArtefact(...))` of the whole artefact. `body` is the inside of
 * `llm_comparisons` as UTF-8 byte ranges (fragments joined by ",\n"), so large runs are hashed
 * and written piece by piece instead of as one string of every comparison.
 */
export interface SealedPieces {
  readonly head: string
  readonly body: ReadonlyArray<Uint8Array>
  readonly tail: string
  readonly checksum: string
}

/**
 * The text around the comparisons of an artefact that has at least one: `head` ends just inside
 * `"llm_comparisons": [`, `tail` starts just after the list's last record, and the checksum
 * field in `tail` holds zeros. `head` depends only on the keys before the list (schema version,
 * metadata, inputs), so it stays the same while a run's results change.
 */
export const artefactFrame = (shell: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>): { readonly head: string; readonly tail: string } => {
  const unsealed: AssessmentRunArtefact = { ...shell, validation: { ...shell.validation, manifest, artefact_checksum: ZERO_CHECKSUM } }
  // The marker stands in for the list while stringifying; the assertion only relabels the type.
  const marked = serialiseArtefact({ ...unsealed, llm_comparisons: [COMPARISONS_MARKER] as unknown as ReadonlyArray<ComparisonRecord> })
  const at = marked.indexOf(MARKER_LINE)
  return { head: marked.slice(0, at + 1), tail: marked.slice(at + MARKER_LINE.length - 1) }
}

/** Puts the checksum in the zeroed checksum field of a piece of artefact text. */
export const withChecksum = (text: string, checksum: string): string => text.replace(CHECKSUM_FIELD(ZERO_CHECKSUM), CHECKSUM_FIELD(checksum))

/** Seals an artefact whose comparisons are given as `body` (the shell's own list is ignored). */
export const sealPieces = (
  shell: AssessmentRunArtefact,
  body: ReadonlyArray<Uint8Array>,
  manifest: ReadonlyArray<ManifestEntry>
): SealedPieces => {
  if (body.every((range) => range.byteLength === 0)) {
    const unsealed: AssessmentRunArtefact = {
      ...shell,
      llm_comparisons: [],
      validation: { ...shell.validation, manifest, artefact_checksum: ZERO_CHECKSUM }
    }
    const text = serialiseArtefact(unsealed)
    const checksum = createHash("sha256").update(text).digest("hex")
    return { head: withChecksum(text, checksum), body: [], tail: "", checksum }
  }
  const { head, tail } = artefactFrame(shell, manifest)
  const hash = createHash("sha256").update(head)
  for (const range of body) hash.update(range)
  const checksum = hash.update(tail).digest("hex")
  return { head, body, tail: withChecksum(tail, checksum), checksum }
}

/** The results part of an artefact, as the hydrator and the follow loop know them. */
export interface HydratedResults {
  readonly bt_summary: AssessmentRunArtefact["bt_summary"]
  readonly grade_projections: AssessmentRunArtefact["grade_projections"]
  readonly costs: AssessmentRunArtefact["costs"]
  readonly runner_status: RunnerStatus
  readonly post_run?: Readonly<Record<string, unknown>>
}

/** The stub's metadata and inputs with the results filled in; comparisons travel separately as fragments. */
export const hydratedShell = (stub: AssessmentRunArtefact, results: HydratedResults): AssessmentRunArtefact => ({
  ...stub,
  llm_comparisons: [],
  bt_summary: results.bt_summary,
  grade_projections: results.grade_projections,
  costs: results.costs,
  validation: {
    ...stub.validation,
    runner_status: results.runner_status,
    post_run: results.post_run ?? stub.validation.post_run
  }
})
