import { randomUUID } from "node:crypto"
import type { AssessmentRunArtefact } from "../../src/domain/artefact.js"

/** A valid stub artefact (metadata and inputs, no results), as execute writes before publishing. */
export const stubArtefact = (batchUuid: string = randomUUID()): AssessmentRunArtefact => ({
  schema_version: "1.0.0",
  metadata: {
    assignment_id: randomUUID(),
    course_id: randomUUID(),
    grade_scale: "eng5_np_legacy_9_step",
    runner_version: "0.1.0",
    git_sha: "abcdef1",
    generated_at: "2026-02-07T10:00:00.000Z",
    runner_mode: "execute",
    batch_uuid: batchUuid,
    batch_id: "pilot",
    correlation_id: randomUUID(),
    course_code: "ENG5",
    language: "en",
    llm_config_overrides: null
  },
  inputs: {
    instructions: { source_path: "i.md", checksum: "0".repeat(64), content: "" },
    prompt_reference: { source_path: "i.md", checksum: "0".repeat(64), content: "" },
    anchors: [{ anchor_id: "a", file_name: "a.txt", grade: "A", source_path: "a.txt", checksum: "1".repeat(64) }],
    students: [{ essay_id: "s1_", file_name: "s1.txt", source_path: "s1.txt", checksum: "2".repeat(64) }]
  },
  llm_comparisons: [],
  bt_summary: [],
  grade_projections: [],
  costs: { total_usd: 0, token_counts: [] },
  validation: {
    artefact_checksum: "0".repeat(64),
    manifest: [],
    cli_environment: { python: "not used", pdm: "not used", os: "linux", docker_compose: "not used", node: "v24", eng5: "0.1.0" },
    runner_status: { partial_data: false, timeout_seconds: 0, observed_events: { llm_comparisons: 0, duplicate_comparisons: 0, invalid_events: 0, assessment_results: 0, completions: 0, failures: 0 } },
    post_run: {}
  }
})
