import { describe, expect, it } from "vitest"
import type { ComparisonRecord } from "../../src/domain/artefact.js"
import { comparisonFragment } from "../../src/domain/buildArtefact.js"
import { canonicalFragment } from "../../src/domain/canonicalFragment.js"

const base: ComparisonRecord = {
  sequence: 1,
  request_id: "r-1",
  correlation_id: "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e",
  winner_id: "ANCHOR_1",
  loser_id: "student_1",
  essay_a_id: "ANCHOR_1",
  essay_b_id: "student_1",
  prompt_hash: "c".repeat(64),
  provider: "anthropic",
  model: "claude-haiku-4-5-20251001",
  tokens_prompt: 2100,
  tokens_completion: 80,
  cost_usd: 0.0025,
  started_at: "2026-02-07T10:11:12.345678Z",
  completed_at: "2026-02-07T10:11:12+01:00",
  status: "succeeded",
  confidence: 4.2,
  justification: "Clearer evidence."
}

const { confidence: _confidence, justification: _justification, ...unjudged } = base

// Records as the hydrator builds them: the schema's keys in order, optional ones present or not,
// free text that needs escaping, and numbers JSON writes in their own way.
const variants: ReadonlyArray<ComparisonRecord> = [
  base,
  { ...unjudged, status: "failed", failure_reason: 'timed "out"', error_code: "LLM_PROVIDER_TIMEOUT" },
  { ...base, justification: 'quotes " backslash \\ newline \n tab \t control \u0001 unicode é ✓ 𝄞 lone \ud800', request_id: "\u2028\u2029" },
  { ...base, cost_usd: 0.1 + 0.2, tokens_prompt: 0, sequence: 1e21, confidence: -0 },
  { ...base, cost_usd: Number.NaN, tokens_completion: Number.POSITIVE_INFINITY },
  { ...base, model: "" },
  { ...base, justification: "paired 𝄞 and ✓ only" }
]

describe("a comparison record's artefact fragment written field by field", () => {
  it("is byte for byte what pretty-printing the record gives", () => {
    for (const record of variants) expect(canonicalFragment(record)).toBe(comparisonFragment(record))
  })
})
