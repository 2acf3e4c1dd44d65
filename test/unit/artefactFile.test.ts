import { createHash, randomUUID } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { AssessmentRunArtefact, ComparisonRecord } from "../../src/domain/artefact.js"
import { sealedArtefactText, serialiseArtefact } from "../../src/domain/buildArtefact.js"
import { readArtefactFile, writeArtefact } from "../../src/runFolder/artefactFile.js"
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

const withZeroChecksum = (artefact: AssessmentRunArtefact): AssessmentRunArtefact => ({ ...artefact, validation: { ...artefact.validation, artefact_checksum: "0".repeat(64) } })

describe("sealing an artefact", () => {
  it.each([0, 1, 40])("sets the manifest and a checksum anyone can recompute (%i comparisons)", (count) => {
    const records = Array.from({ length: count }, (_, i) => record(i + 1))
    const text = sealedArtefactText({ ...shell, llm_comparisons: records }, manifest)
    const parsed = JSON.parse(text) as AssessmentRunArtefact
    expect(parsed.llm_comparisons).toEqual(records)
    expect(parsed.validation.manifest).toEqual(manifest)
    const checksum = createHash("sha256").update(serialiseArtefact(withZeroChecksum(parsed))).digest("hex")
    expect(parsed.validation.artefact_checksum).toBe(checksum)
    expect(text).toBe(serialiseArtefact({ ...parsed, validation: { ...parsed.validation, artefact_checksum: checksum } }))
  })

  it("leaves text that only looks like the checksum field alone", () => {
    const lookalike = `\n    "artefact_checksum": "${"0".repeat(64)}"`
    const artefact = { ...shell, llm_comparisons: [{ ...record(1), justification: lookalike }], validation: { ...shell.validation, post_run: { hook: { artefact_checksum: "0".repeat(64) } } } }
    const parsed = JSON.parse(sealedArtefactText(artefact, manifest)) as AssessmentRunArtefact
    expect(parsed.llm_comparisons[0]?.justification).toBe(lookalike)
    expect(parsed.validation.post_run).toEqual({ hook: { artefact_checksum: "0".repeat(64) } })
    expect(parsed.validation.artefact_checksum).not.toBe("0".repeat(64))
  })
})

describe("writing an artefact and reading it back", () => {
  it.each([0, 1, 40])("leaves one file, ending with a newline, whose checksum recomputes from its own bytes (%i comparisons)", async (count) => {
    const records = Array.from({ length: count }, (_, i) => record(i + 1))
    const dir = tempDir()
    const path = join(dir, "assessment_run.json")
    await writeArtefact(path, { ...shell, llm_comparisons: records }, manifest, { sync: false })
    const text = readFileSync(path, "utf8")
    expect(text.endsWith("}\n")).toBe(true)
    const read = (await readArtefactFile(path)) as AssessmentRunArtefact
    const checksum = read.validation.artefact_checksum
    expect(checksum).toMatch(/^[0-9a-f]{64}$/)
    // As anyone checking the file does: its checksum's value zeroed in the bytes on disk, hashed.
    const zeroed = text.replace(`"artefact_checksum": "${checksum}"`, `"artefact_checksum": "${"0".repeat(64)}"`)
    expect(zeroed).not.toBe(text)
    expect(createHash("sha256").update(zeroed).digest("hex")).toBe(checksum)
    expect(read.validation.manifest).toEqual(manifest)
    expect(read.llm_comparisons).toEqual(records)
    expect(read.metadata).toEqual(shell.metadata)
    expect(readdirSync(dir), "no temp file left behind").toEqual(["assessment_run.json"])
  })
})
