/**
 * The live Extractor against a real PostgreSQL on 127.0.0.1 (test/support/postgres.ts), with
 * the CJ tables from fixtures/cj_schema.sql and one completed batch from fixtures/cj_seed.sql.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { postgresForTests } from "../../../test/support/postgres.js"
import { SEEDED_BATCH_UUID, useCjDatabases } from "../../../test/support/cjDatabase.js"
import { cjDatabaseSettings } from "../src/cjDatabaseSettings.js"
import { makeExtractorPg } from "../src/ExtractorPg.js"
import { writeExtract } from "../src/writeExtract.js"


const postgres = await postgresForTests("db-extract against PostgreSQL")

const extractorFor = (url: string) => makeExtractorPg(Effect.runSync(cjDatabaseSettings({}, { url, connectTimeoutMillis: 5_000 })))

describe.skipIf(postgres === undefined)("CJ database extraction (PostgreSQL)", () => {
  const { seededUrl, brokenUrl } = useCjDatabases(postgres, "eng5_cj")

  it("reads a completed batch and writes the text and JSON extracts into the run folder", async () => {
    const extractor = extractorFor(seededUrl())
    const extract = await Effect.runPromise(extractor.extractBatch(SEEDED_BATCH_UUID))

    expect(extract.batch).toMatchObject({ id: 7, bosBatchId: SEEDED_BATCH_UUID, status: "COMPLETE_STABLE", expectedEssayCount: 4, createdAt: "2026-03-01 09:00:00" })
    expect(extract.state).toMatchObject({ state: "COMPLETED", totalBudget: 6, completedComparisons: 5, failedComparisons: 1, currentIteration: 2 })
    expect(extract.comparisons.map((pair) => pair.id)).toEqual([101, 102, 103, 104, 105, 106])
    expect(extract.comparisons[0]).toMatchObject({ winner: "essay_a", confidence: 4.5, submittedAt: "2026-03-01 09:01:00+00" })
    expect(extract.essays.map((essay) => [essay.essayId, essay.btScore, essay.isAnchor, essay.knownGrade])).toEqual([
      ["ANCHOR_11_aaaa1111", 1.25, true, "A"],
      ["student_ja24", 0.35, false, null],
      ["ANCHOR_12_bbbb2222", -1.4, true, "E+"],
      ["student_mk17", null, false, null]
    ])
    expect(extract.gradeProjections.map((projection) => [projection.essayId, projection.primaryGrade])).toEqual([
      ["student_ja24", "B"],
      ["student_mk17", "D+"]
    ])

    const runFolder = mkdtempSync(join(tmpdir(), "eng5-extract-"))
    const files = await Effect.runPromise(writeExtract(runFolder, extract, { database: extractor.database, extractedAt: "2026-03-01T10:00:00.000Z" }))
    expect(files).toEqual({
      textPath: join(runFolder, "db_extract", `cj_results_${SEEDED_BATCH_UUID}.txt`),
      jsonPath: join(runFolder, "db_extract", `cj_results_${SEEDED_BATCH_UUID}.json`)
    })
    expect(readdirSync(join(runFolder, "db_extract")).sort()).toEqual([`cj_results_${SEEDED_BATCH_UUID}.json`, `cj_results_${SEEDED_BATCH_UUID}.txt`])

    const text = readFileSync(files.textPath, "utf8")
    expect(text).toContain(`CJ BATCH ${SEEDED_BATCH_UUID}`)
    expect(text).toMatch(/State\s+COMPLETED/)
    expect(text).toContain("#1 (pair id 101)  ANCHOR_11_aaaa1111 vs student_ja24")
    expect(text).toContain("Result: winner ANCHOR_11_aaaa1111 (essay_a), confidence 4.5")
    expect(text).toContain("      Essay A argues its case clearly.\n      Essay B wanders.")
    expect(text).toContain("Error: EXTERNAL_SERVICE_ERROR")
    expect(text).toMatch(/1\s+ANCHOR_11_aaaa1111\s+1\.2500\s+0\.6100\s+3\s+0\s+3\s+yes\s+A\n/)
    expect(text).toMatch(/—\s+student_mk17\s+—\s+—\s+0\s+1\s+2\s+no\s+D\+ \(projected\)\n/)
    expect(text).toMatch(/student_ja24\s+B\s+MID \(0\.72\)\s+0\.6400\s+eng5_np_legacy_9_step/)
    expect(text).toContain("Essays: 4 (2 students, 2 anchors)")
    expect(text).toContain("Comparisons: 6 (5 with a winner, 1 failed, 0 pending)")
    expect(text).not.toContain("OLD_ESSAY_1")

    const json = JSON.parse(readFileSync(files.jsonPath, "utf8"))
    expect(json).toMatchObject({
      schema: "eng5.cj-db-extract/1",
      batch_identifier: SEEDED_BATCH_UUID,
      extracted_at: "2026-03-01T10:00:00.000Z",
      batch: { id: 7, bos_batch_id: SEEDED_BATCH_UUID },
      summary: { essays: 4, comparisons: 6, comparisonsWithWinner: 5, comparisonsFailed: 1 }
    })
    expect(json.database).toBe(extractor.database)
    expect(json.database).not.toContain(new URL(postgres?.url ?? "").password)
    expect(json.comparisons[2]).toMatchObject({ id: 103, winner: "essay_b", winner_id: "ANCHOR_11_aaaa1111", loser_id: "ANCHOR_12_bbbb2222" })
    expect(json.essays[0]).toMatchObject({ els_essay_id: "ANCHOR_11_aaaa1111", wins: 3, losses: 0, processing_metadata: { known_grade: "A", anchor_ref_id: 11 } })
  })

  it("finds the batch by CJ's numeric id as well", async () => {
    const extract = await Effect.runPromise(extractorFor(seededUrl()).extractBatch("7"))
    expect(extract.batch.bosBatchId).toBe(SEEDED_BATCH_UUID)
    expect(extract.batchIdentifier).toBe("7")
  })

  it("fails with CjBatchNotFound for a batch the database does not hold", async () => {
    const error = await Effect.runPromise(Effect.flip(extractorFor(seededUrl()).extractBatch("ffffffff-0000-4000-8000-000000000000")))
    expect(error._tag).toBe("CjBatchNotFound")
    expect(error.message).toContain("has no batch with bos_batch_id ffffffff-0000-4000-8000-000000000000")
    expect(error.exitCode).toBe(2)
  })

  it("fails with CjDatabaseQueryFailed naming the table it could not read", async () => {
    const error = await Effect.runPromise(Effect.flip(extractorFor(brokenUrl()).extractBatch(SEEDED_BATCH_UUID)))
    expect(error._tag).toBe("CjDatabaseQueryFailed")
    if (error._tag !== "CjDatabaseQueryFailed") return
    expect(error.table).toBe("grade_projections")
    expect(error.sqlState).toBe("42P01")
    expect(error.message).toContain('relation "grade_projections" does not exist')
    expect(error.fix).toContain("migrations")
    expect(error.exitCode).toBe(1)
  })

  it("reports a refused login without ever showing the password", async () => {
    const url = new URL(seededUrl())
    url.password = "wrong-password-7f3a"
    const error = await Effect.runPromise(Effect.flip(extractorFor(url.toString()).extractBatch(SEEDED_BATCH_UUID)))
    expect(error._tag).toBe("CjDatabaseUnreachable")
    if (error._tag !== "CjDatabaseUnreachable") return
    expect(error.reason).toBe("auth_failed")
    expect(error.fix).toContain("HULEEDU_DB_PASSWORD")
    expect(JSON.stringify(error)).not.toContain("wrong-password-7f3a")
    expect(`${error.message} ${error.fix}`).not.toContain("wrong-password-7f3a")
  })
})
