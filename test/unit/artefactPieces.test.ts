import { createHash, randomUUID } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ComparisonRecord } from "../../src/domain/artefact.js"
import { comparisonFragment, sealArtefact, sealPieces, serialiseArtefact } from "../../src/domain/buildArtefact.js"
import { readArtefactWithoutComparisons, writeSealedArtefact } from "../../src/runFolder/artefactFile.js"
import { ArtefactBody } from "../../src/runFolder/artefactBody.js"
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

const writeThroughBody = async (records: ReadonlyArray<ComparisonRecord>, sealWith: typeof shell) => {
  const folder = tempDir()
  const spillPath = join(folder, "assessment_run.json.comparisons.tmp")
  const body = new ArtefactBody(spillPath, shell)
  records.forEach((r, i) => body.text.append(i === 0 ? comparisonFragment(r) : `,\n${comparisonFragment(r)}`))
  const sealed = await body.seal(sealWith, manifest)
  const path = join(folder, "assessment_run.json")
  await writeSealedArtefact(path, sealed, sealed.spill ?? undefined)
  const inMemoryBytes = sealed.body.reduce((sum, range) => sum + range.byteLength, 0)
  await body.discard()
  return { written: readFileSync(path, "utf8"), spilled: sealed.spill !== null, inMemoryBytes, spillLeft: existsSync(spillPath) }
}

describe("the artefact's comparison records spilled to the run folder", () => {
  it.each([
    [1, false],
    [4500, true]
  ])("writes byte for byte what serialiseArtefact gives, keeping at most a megabyte in memory (%i comparisons)", async (count, spills) => {
    const records = Array.from({ length: count }, (_, i) => record(i + 1))
    const { written, spilled, inMemoryBytes, spillLeft } = await writeThroughBody(records, shell)
    expect(written).toBe(serialiseArtefact(sealArtefact({ ...shell, llm_comparisons: records }, manifest)))
    expect(spillLeft).toBe(false)
    expect(spilled).toBe(spills)
    expect(inMemoryBytes).toBeLessThanOrEqual(1024 * 1024)
  })

  it("hashes everything again when the artefact's head is not the one it started with", async () => {
    const records = Array.from({ length: 4500 }, (_, i) => record(i + 1))
    const changed = { ...shell, metadata: { ...shell.metadata, batch_id: "renamed-batch" } }
    const { written } = await writeThroughBody(records, changed)
    expect(written).toBe(serialiseArtefact(sealArtefact({ ...changed, llm_comparisons: records }, manifest)))
  })

  it("writes the comparisons as they were when sealed, while more are spilled", async () => {
    const folder = tempDir()
    const body = new ArtefactBody(join(folder, "assessment_run.json.comparisons.tmp"), shell)
    const records = Array.from({ length: 9000 }, (_, i) => record(i + 1))
    const append = (from: number, to: number) => {
      for (let i = from; i < to; i++) body.text.append(`${i === 0 ? "" : ",\n"}${comparisonFragment(records[i] ?? record(i + 1))}`)
    }
    append(0, 4500)
    const sealed = await body.seal(shell, manifest)
    // Spilled chunks come back once written and are filled again: the sealed text must not change.
    for (const [from, to] of [[4500, 6000], [6000, 7500], [7500, 9000]] as const) {
      append(from, to)
      await body.flush()
    }
    const path = join(folder, "assessment_run.json")
    await writeSealedArtefact(path, sealed, sealed.spill ?? undefined)
    expect(readFileSync(path, "utf8")).toBe(serialiseArtefact(sealArtefact({ ...shell, llm_comparisons: records.slice(0, 4500) }, manifest)))
    await body.discard()
  })
})

describe("reading an artefact back without its comparison records (attach)", () => {
  it.each([0, 1, 40])("gives everything but the records, which come back empty (%i comparisons)", async (count) => {
    const records = Array.from({ length: count }, (_, i) => record(i + 1))
    const path = join(tempDir(), "assessment_run.json")
    writeFileSync(path, serialiseArtefact(sealArtefact({ ...shell, llm_comparisons: records }, manifest)))
    const whole = JSON.parse(readFileSync(path, "utf8"))
    expect(await readArtefactWithoutComparisons(path)).toEqual({ ...whole, llm_comparisons: [] })
  })

  it("parses a file laid out otherwise as a whole", async () => {
    const path = join(tempDir(), "assessment_run.json")
    const artefact = sealArtefact({ ...shell, llm_comparisons: [record(1)] }, manifest)
    writeFileSync(path, JSON.stringify(artefact))
    expect(await readArtefactWithoutComparisons(path)).toEqual(artefact)
  })
})

describe("a spill file that cannot be written", () => {
  it("fails the next flush and save with the disk's error, never the process", async () => {
    const body = new ArtefactBody(join(tempDir(), "missing-folder", "assessment_run.json.comparisons.tmp"), shell)
    for (let i = 1; i <= 2000; i++) body.text.append(`${i === 1 ? "" : ",\n"}${comparisonFragment(record(i))}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(body.flush()).rejects.toThrow(/ENOENT/)
    await expect(body.seal(shell, manifest)).rejects.toThrow(/ENOENT/)
    await body.discard()
  })
})
