import { createHash, randomUUID } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ComparisonRecord } from "../../src/domain/artefact.js"
import { comparisonFragment, sealArtefact, sealPieces, serialiseArtefact } from "../../src/domain/buildArtefact.js"
import { writeSealedArtefact } from "../../src/runFolder/artefactFile.js"
import { stubArtefact } from "../support/artefacts.js"
import { tempDir } from "../support/assets.js"

const record = (sequence: number): ComparisonRecord => ({
  sequence,
  request_id: `req-${sequence}`,
  correlation_id: randomUUID(),
  winner_id: "s1",
  loser_id: "ANCHOR_1_abcdef12",
  essay_a_id: "ANCHOR_1_abcdef12",
  essay_b_id: "s1",
  prompt_hash: "a".repeat(64),
  provider: "anthropic",
  model: "claude-haiku-4-5-20251001",
  tokens_prompt: 10,
  tokens_completion: 2,
  cost_usd: 0.001,
  started_at: "2026-02-07T10:11:12.345678Z",
  completed_at: "2026-02-07T10:11:13Z",
  status: "succeeded",
  confidence: 4,
  justification: 'Quotes "like this", a newline\nand ünïcödé.'
})

const shell = stubArtefact()

const manifest = [{ path: "request.json", sha256: "3".repeat(64), bytes: 12 }]

describe("writing large artefacts piece by piece", () => {
  it.each([0, 1, 3, 4500])("gives byte for byte what serialiseArtefact gives, checksum included (%i comparisons)", async (count) => {
    const records = Array.from({ length: count }, (_, i) => record(i + 1))
    const expected = serialiseArtefact(sealArtefact({ ...shell, llm_comparisons: records }, manifest))
    // the list's bytes cut into arbitrary ranges, as the hydrator's chunks cut them
    const bytes = Buffer.from(records.map(comparisonFragment).join(",\n"))
    const ranges = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, i) => bytes.subarray(i * 997, (i + 1) * 997))
    const pieces = sealPieces(shell, ranges, manifest)
    const path = join(tempDir(), "assessment_run.json")
    await writeSealedArtefact(path, pieces)
    const written = readFileSync(path, "utf8")
    expect(written).toBe(expected)
    const parsed = JSON.parse(written)
    expect(parsed.validation.artefact_checksum).toBe(pieces.checksum)
    const recomputed = createHash("sha256").update(serialiseArtefact({ ...parsed, validation: { ...parsed.validation, artefact_checksum: "0".repeat(64) } })).digest("hex")
    expect(recomputed).toBe(pieces.checksum)
  })
})
