/**
 * Following a batch across an interruption, and the anchor-align mode, against the platform's
 * own services.
 */
import { randomUUID } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"
import { eng5, expectExit, startEng5, workDir } from "./support/cli.js"
import { expectArtefactMatchesCj, readArtefact, readCjBatch } from "./support/cjDatabase.js"
import { cjIdsOf, runFolderOf } from "./support/runFolders.js"
import { seedAssignment } from "./support/stack.js"

const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))
const COURSE = "1b1b1b1b-2c2c-4d3d-8e4e-5f5f5f5f5f5f"

const linesIn = (file: string): number => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0).length : 0)

const waitFor = async (probe: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe("interrupting and resuming, and anchor alignment", () => {
  let cwd: string
  let assignment: string
  beforeAll(async () => {
    cwd = workDir()
    assignment = await seedAssignment(EXAMPLE)
  })

  it("Ctrl-C mid-batch exits 130 with the attach command; run attach then finishes the batch with nothing lost or doubled", async () => {
    const batch = randomUUID()
    const run = startEng5(["run", "execute", "--assets", EXAMPLE, "--assignment-id", assignment, "--course-id", COURSE, "--batch-uuid", batch, "--await-completion"], cwd)
    const comparisonsFile = (): string => join(runFolderOf(cwd, batch), "events", "comparisons.jsonl")
    await waitFor(() => {
      try {
        return linesIn(comparisonsFile()) > 0
      } catch {
        return false
      }
    }, 120_000, "the first comparison")
    run.child.kill("SIGINT")
    const interrupted = await run.done
    expectExit(interrupted, 130)
    expect(interrupted.stdout + interrupted.stderr).toContain("eng5 run attach")

    const attached = await eng5(["run", "attach", batch, "--completion-timeout", "420"], cwd)
    expectExit(attached, 0)
    const artefact = readArtefact(runFolderOf(cwd, batch))
    expectArtefactMatchesCj(artefact, await readCjBatch(batch), cjIdsOf(artefact))
    expect(linesIn(comparisonsFile())).toBe(artefact.llm_comparisons.length)
  })

  it("run anchor-align judges the anchors as students, and report alignment regenerates its report", async () => {
    const batch = randomUUID()
    const outcome = await eng5(["run", "anchor-align", "--assets", EXAMPLE, "--batch-uuid", batch, "--await-completion", "--completion-timeout", "420"], cwd)
    expectExit(outcome, 0)
    const folder = runFolderOf(cwd, batch)
    const artefact = readArtefact(folder)
    const cj = await readCjBatch(batch)
    expect(cj.essays).toHaveLength(12)
    expectArtefactMatchesCj(artefact, cj, cjIdsOf(artefact))
    const report = JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8")) as { anchors: unknown[]; summary: { kendall_tau_b: unknown } }
    expect(report.anchors).toHaveLength(12)
    expect(typeof report.summary.kendall_tau_b).toBe("number")

    const regenerated = await eng5(["report", "alignment", folder, "--json"], cwd)
    expectExit(regenerated, 0)
    expect(JSON.parse(readFileSync(join(folder, "reports", "anchor_alignment.json"), "utf8"))).toEqual({ ...report, generated_at: expect.any(String) })
  })
})
