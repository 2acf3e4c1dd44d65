/**
 * `--post-run db-extract` (and its alias `--auto-extract-eng5-db`) end to end: the built CLI
 * runs a sandbox batch, the bundled db-extract plugin reads a real PostgreSQL afterwards.
 * Extraction that fails after CJ completed the batch exits 3 with the artefact complete and
 * the failure recorded in it; a batch that did not complete skips the hook and says why.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"
import { postgresForTests } from "../support/postgres.js"
import { SEEDED_BATCH_UUID, useCjDatabases } from "../support/cjDatabase.js"

const ASSETS = join(import.meta.dirname, "..", "..", "examples", "eng5")

const postgres = await postgresForTests("db-extract post-run hook end to end")

const runFolderOf = (outputDir: string): string => {
  const folders = readdirSync(outputDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
  expect(folders).toHaveLength(1)
  return join(outputDir, (folders[0] as { name: string }).name)
}

const sandboxRun = async (extra: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) => {
  const outputDir = mkdtempSync(join(tmpdir(), "eng5-dbx-"))
  const cli = startCli(["run", "execute", "--sandbox", "--assets", ASSETS, "--output-dir", outputDir, "--await-completion", ...extra], isolatedEnv({ ...env }))
  const outcome = await cli.done
  return { ...outcome, outputDir }
}

describe.skipIf(postgres === undefined)("db-extract as a post-run hook (PostgreSQL)", () => {
  const { seededUrl, brokenUrl } = useCjDatabases(postgres, "eng5_e2e")

  it("extracts the completed batch into db_extract/ and records it in the artefact (exit 0)", async () => {
    const run = await sandboxRun(["--batch-uuid", SEEDED_BATCH_UUID, "--post-run", "db-extract", "--cj-database-url", seededUrl()])
    expect(run.stderr).not.toContain("✖")
    expect(run.code).toBe(0)
    const folder = runFolderOf(run.outputDir)
    const text = readFileSync(join(folder, "db_extract", `cj_results_${SEEDED_BATCH_UUID}.txt`), "utf8")
    expect(text).toContain(`CJ BATCH ${SEEDED_BATCH_UUID}`)
    const json = JSON.parse(readFileSync(join(folder, "db_extract", `cj_results_${SEEDED_BATCH_UUID}.json`), "utf8"))
    expect(json.batch.id).toBe(7)
    const artefact = JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))
    expect(artefact.validation.post_run["db-extract"]).toMatchObject({ status: "succeeded", result: { cj_batch_id: 7, comparisons: 6 } })
    expect(run.stdout).toMatch(/db-extract\s+succeeded/)
  })

  it("exits 3 when extraction fails after CJ completed the batch; the artefact is complete and records the failure", async () => {
    const password = new URL(postgres?.url ?? "").password
    const run = await sandboxRun(["--batch-uuid", SEEDED_BATCH_UUID, "--auto-extract-eng5-db", "--cj-database-url", brokenUrl()])
    expect(run.code).toBe(3)
    expect(run.stderr).toContain("Post-run hook failed: db-extract")
    expect(run.stdout).toMatch(/db-extract\s+failed\s+Reading grade_projections/)
    expect(password !== "" && `${run.stdout}${run.stderr}`.includes(password)).toBe(false)
    const artefact = JSON.parse(readFileSync(join(runFolderOf(run.outputDir), "assessment_run.json"), "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.validation.runner_status.outcome).toBe("completed")
    expect(artefact.bt_summary.length).toBeGreaterThan(0)
    expect(artefact.grade_projections.length).toBeGreaterThan(0)
    expect(artefact.validation.post_run["db-extract"]).toMatchObject({ status: "failed" })
    expect(artefact.validation.post_run["db-extract"].detail).toContain("grade_projections")
  })

  it("in the sandbox, refuses to read the database the platform's variables name (exit 2, nothing run)", async () => {
    const url = new URL(seededUrl())
    const run = await sandboxRun(["--post-run", "db-extract"], {
      HULEEDU_DB_HOST: url.hostname,
      HULEEDU_CJ_DB_PORT: url.port,
      HULEEDU_DB_USER: decodeURIComponent(url.username),
      HULEEDU_DB_PASSWORD: decodeURIComponent(url.password)
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("--cj-database-url")
    expect(readdirSync(run.outputDir)).toEqual([])
  })

  it("skips the hook and says why when CJ fails the batch (no completion observed)", async () => {
    const run = await sandboxRun(["--sandbox-fail-batch", "--post-run", "db-extract", "--cj-database-url", seededUrl()])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/db-extract\s+skipped\s+the batch did not complete \(batch_failed\)/)
    const artefact = JSON.parse(readFileSync(join(runFolderOf(run.outputDir), "assessment_run.json"), "utf8"))
    expect(artefact.validation.post_run["db-extract"]).toMatchObject({ status: "skipped" })
  })
})
