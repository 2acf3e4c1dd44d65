import { describe, expect, it } from "vitest"
import type { ComparisonRecord } from "../../src/domain/artefact.js"
import { comparisonFragment } from "../../src/domain/buildArtefact.js"
import { canonicalFragment, flatRecordFragment } from "../../src/domain/flatRecordFragment.js"

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

const variants: ReadonlyArray<ComparisonRecord> = [
  base,
  { ...unjudged, status: "failed", failure_reason: "timed out", error_code: "LLM_PROVIDER_TIMEOUT" },
  { ...base, confidence: undefined, justification: undefined } as unknown as ComparisonRecord,
  { ...base, justification: 'quotes " backslash \\ newline \n tab \t control \u0001 unicode é ✓ 𝄞 lone \ud800', request_id: "\u2028\u2029" },
  { ...base, cost_usd: 0.1 + 0.2, tokens_prompt: 0, sequence: 1e21, confidence: -0 },
  { ...base, cost_usd: Number.NaN, tokens_completion: Number.POSITIVE_INFINITY },
  { ...base, model: "" },
  { ...base, justification: "paired 𝄞 and ✓ only" },
  // shapes the direct writer must hand to pretty-printing: a required key missing, keys out of order
  (({ sequence: _sequence, ...rest }) => rest)(base) as unknown as ComparisonRecord,
  (({ sequence, ...rest }) => ({ ...rest, sequence }))(base) as ComparisonRecord,
  { ...base, confidence: null } as unknown as ComparisonRecord,
  // values the direct writer would not escape: they must send it to pretty-printing
  { ...base, correlation_id: 'A"B' },
  { ...base, prompt_hash: "c\\d" },
  { ...base, started_at: '2026-02-07T10:11:12"' },
  { ...base, completed_at: "2026-02-07T10:11:12\n" },
  { ...base, status: 'failed"' as ComparisonRecord["status"] }
]

describe("a comparison record's artefact fragment written field by field", () => {
  it("is byte for byte what pretty-printing the record gives", () => {
    for (const record of variants) expect(flatRecordFragment(record)).toBe(comparisonFragment(record))
  })

  it("fails on a value JSON cannot hold, as pretty-printing does", () => {
    const withBigint = { ...base, tokens_prompt: 10n } as unknown as ComparisonRecord
    expect(() => comparisonFragment(withBigint)).toThrow(TypeError)
    expect(() => flatRecordFragment(withBigint)).toThrow(TypeError)
  })

  it("is the same, without any check, for the records the hydrator builds", () => {
    for (const record of [base, { ...unjudged, status: "failed" as const, failure_reason: "timed \"out\"", error_code: "LLM_PROVIDER_TIMEOUT" }]) {
      expect(canonicalFragment(record)).toBe(comparisonFragment(record))
    }
  })

  it("leaves nested values to pretty-printing", () => {
    const nested = { ...base, extra: { a: [1, 2] } } as unknown as ComparisonRecord
    expect(flatRecordFragment(nested)).toBe(comparisonFragment(nested))
  })
})
