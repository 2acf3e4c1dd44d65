/**
 * A batch from plan to result against the platform's own services: the artefact is checked
 * against CJ's database, comparison for comparison, and against the artefact schema.
 */
import { randomUUID } from "node:crypto"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"
import { eng5, expectExit, workDir } from "./support/cli.js"
import { expectArtefactMatchesCj, readArtefact, readCjBatch, withCjDatabase } from "./support/cjDatabase.js"
import { cjIdsOf, readRequest, runFolderOf } from "./support/runFolders.js"
import { batchShape } from "./support/eventFiles.js"
import { seedAssignment } from "./support/stack.js"

const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))
const COURSE = "1b1b1b1b-2c2c-4d3d-8e4e-5f5f5f5f5f5f"
/** The grades of the example's anchors, from their file names and its CSV. */
const KNOWN_ANCHOR_GRADES = ["A", "A", "B", "B", "C+", "C+", "C-", "D+", "D-", "E+", "E-", "F+"]

const cjHoldsBatch = (batchUuid: string): Promise<boolean> =>
  withCjDatabase(async (db) => (await db.query("select 1 from cj_batch_uploads where bos_batch_id = $1", [batchUuid])).rowCount === 1)

describe("a batch through the platform", () => {
  let cwd: string
  let assignment: string
  const runFlags = (batchUuid: string): string[] => ["--assets", EXAMPLE, "--assignment-id", assignment, "--course-id", COURSE, "--batch-uuid", batchUuid]

  beforeAll(async () => {
    cwd = workDir()
    assignment = await seedAssignment(EXAMPLE)
  })

  it("run plan checks the assignment with CJ and says CJ's own system prompt applies", async () => {
    const outcome = await eng5(["run", "plan", "--assets", EXAMPLE, "--assignment-id", assignment], cwd)
    expectExit(outcome, 0)
    expect(outcome.stdout + outcome.stderr).toMatch(/system prompt[^\n]*CJ's (own|default)/iu)
  })

  it("run dry-run writes the exact request, with no system prompt override, and publishes nothing", async () => {
    const batch = randomUUID()
    const outcome = await eng5(["run", "dry-run", ...runFlags(batch), "--batch-id", "pilot"], cwd)
    expectExit(outcome, 0)
    const request = readRequest(runFolderOf(cwd, batch))
    expect(request.data.entity_id).toBe(batch)
    expect(request.data.llm_config_overrides?.system_prompt_override ?? null).toBeNull()
    expect(await cjHoldsBatch(batch)).toBe(false)
  })

  let firstBatch = ""
  it("run execute --await-completion leaves an artefact that matches CJ's database, then db-extract reads the same batch", async () => {
    firstBatch = randomUUID()
    const outcome = await eng5(["run", "execute", ...runFlags(firstBatch), "--await-completion", "--completion-timeout", "420", "--post-run", "db-extract"], cwd)
    expectExit(outcome, 0)
    const folder = runFolderOf(cwd, firstBatch)
    const artefact = readArtefact(folder)
    const cj = await readCjBatch(firstBatch)
    expect(cj.essays).toHaveLength(36)
    expect(cj.projections).toHaveLength(24)
    expectArtefactMatchesCj(artefact, cj, cjIdsOf(artefact))
    expect(readdirSync(join(folder, "db_extract")).toSorted()).toEqual([`cj_results_${firstBatch}.json`, `cj_results_${firstBatch}.txt`])
  })

  it("records each anchor with the grade it is known to have, not the U CJ publishes for anchors", () => {
    const artefact = readArtefact(runFolderOf(cwd, firstBatch))
    const anchors = artefact.bt_summary.filter((e) => e.is_anchor === true) as ReadonlyArray<{ anchor_grade?: string }>
    expect(anchors.map((a) => a.anchor_grade).toSorted()).toEqual(KNOWN_ANCHOR_GRADES.toSorted())
  })

  it("running the same folder again leaves the first batch whole in CJ", async () => {
    const second = randomUUID()
    const outcome = await eng5(["run", "execute", ...runFlags(second), "--await-completion", "--completion-timeout", "420"], cwd)
    expectExit(outcome, 0)
    const [before, after] = await Promise.all([readCjBatch(firstBatch), readCjBatch(second)])
    expect(before.essays).toHaveLength(36)
    expect(after.essays).toHaveLength(36)
    const artefact = readArtefact(runFolderOf(cwd, second))
    expectArtefactMatchesCj(artefact, after, cjIdsOf(artefact))
    expect(existsSync(join(runFolderOf(cwd, second), "assessment_run.json"))).toBe(true)
  })

  it("a sandbox rehearsal of the same dataset and budget publishes what CJ published: comparisons, outcome, events", async () => {
    const rehearsal = await eng5(["run", "execute", "--sandbox", "--assets", EXAMPLE, "--await-completion", "--output-dir", "rehearsal", "--json"], cwd)
    expectExit(rehearsal, 0)
    const sandbox = batchShape((JSON.parse(rehearsal.stdout) as { runFolder: string }).runFolder)
    const platform = batchShape(runFolderOf(cwd, firstBatch))
    expect(platform).toMatchObject({ kinds: { comparisons: 120, completions: 1, assessment_results: 1 }, completionStatus: "completed_successfully" })
    expect(sandbox).toEqual(platform)
  })
})
