import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { CjBatchExtract, CjComparisonPairRow } from "../src/Extractor.js"
import { extractJson } from "../src/extractJson.js"
import { extractText } from "../src/extractText.js"
import { extractFileStem, writeExtract } from "../src/writeExtract.js"

const pair = (id: number, essayAId: string, essayBId: string, winner: string | null, errorCode: string | null = null): CjComparisonPairRow => ({
  id,
  essayAId,
  essayBId,
  winner,
  confidence: null,
  justification: null,
  requestCorrelationId: null,
  submittedAt: null,
  completedAt: null,
  errorCode
})

const extract: CjBatchExtract = {
  batchIdentifier: "12",
  batch: { id: 12, bosBatchId: "c0ffee00-0000-4000-8000-000000000012", status: "PERFORMING_COMPARISONS", expectedEssayCount: 3, courseCode: "ENG5", language: "en", eventCorrelationId: null, createdAt: null, completedAt: null },
  state: null,
  comparisons: [pair(1, "s1", "s2", "essay_b"), pair(2, "s2", "s3", null), pair(3, "s1", "s3", "error", "TIMEOUT"), pair(4, "s3", "s1", null)],
  essays: [
    { essayId: "s2", btScore: 0.4, btStandardError: null, comparisonCount: 2, isAnchor: false, knownGrade: null, processingMetadata: null },
    { essayId: "s1", btScore: -0.4, btStandardError: null, comparisonCount: 3, isAnchor: false, knownGrade: null, processingMetadata: null }
  ],
  gradeProjections: []
}

describe("CJ extract report", () => {
  it("counts pairs with a winner, failed pairs and pairs still pending", () => {
    const text = extractText(extract)
    expect(text).toContain("Comparisons: 4 (1 with a winner, 1 failed, 2 pending)")
    expect(text).toContain("(CJ has no state row for this batch)")
    expect(text).toContain("Result: no winner (error)")
    expect(text).toContain("STUDENT GRADE PROJECTIONS (0)\n" + "=".repeat(100) + "\n  (none)")
    expect(extractJson(extract).comparisons.map((row) => row["winner_id"])).toEqual(["s2", null, null, null])
  })

  it("names the files after the batch identifier, made safe for a file name", () => {
    expect(extractFileStem("c0ffee00-0000-4000-8000-000000000012")).toBe("cj_results_c0ffee00-0000-4000-8000-000000000012")
    expect(extractFileStem("../../etc/passwd")).toBe("cj_results_..-..-etc-passwd")
  })

  it("fails with a post-run exit code when the run folder cannot be written", async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), "eng5-extract-")), "file")
    writeFileSync(notAFolder, "")
    const error = await Effect.runPromise(Effect.flip(writeExtract(notAFolder, extract)))
    expect(error).toMatchObject({ _tag: "ExtractNotWritten", exitCode: 3 })
    expect(error.message).toContain(join(notAFolder, "db_extract"))
  })
})
