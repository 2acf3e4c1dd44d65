/**
 * The commands around a run, against the platform's own CJ and Content Service: what a new user
 * tries first, and the registration CJ answers 201 to but does not keep.
 */
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, inject, it } from "vitest"
import { eng5, expectExit, workDir } from "./support/cli.js"
import { withCjDatabase } from "./support/cjDatabase.js"
import { seedAssignment } from "./support/stack.js"

const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))

const anchorsHeldByCj = (assignment: string): Promise<number> =>
  withCjDatabase(async (db) => Number((await db.query<{ n: string }>("select count(*) as n from anchor_essay_references where assignment_id = $1", [assignment])).rows[0]?.n))

describe("admin commands against the platform", () => {
  let cwd: string
  let assignment: string
  beforeAll(async () => {
    cwd = workDir()
    assignment = await seedAssignment(EXAMPLE)
  })

  it("doctor passes every check, each service by what only it does", async () => {
    const outcome = await eng5(["doctor", "--assets", EXAMPLE], cwd)
    expectExit(outcome, 0)
    expect(outcome.stdout + outcome.stderr).toContain("All checks passed")
    const json = await eng5(["doctor", "--assets", EXAMPLE, "--json"], cwd)
    expectExit(json, 0)
    const checks = new Map((JSON.parse(json.stdout) as { checks: Array<{ name: string; detail: string }> }).checks.map((c) => [c.name, c.detail]))
    expect(checks.get("CJ Assessment Service")).toContain("answered its authenticated admin call")
    expect(checks.get("Content Service")).toContain("RESOURCE_NOT_FOUND")
    expect(checks.get("Kafka")).toMatch(/speaks Kafka .*the request topic and the 4 result topics exist/)
  })

  it("auth verify shows the token's claims and CJ accepts the token", async () => {
    const outcome = await eng5(["auth", "verify", "--json"], cwd)
    expectExit(outcome, 0)
    expect(outcome.stdout).toContain('"admin"')
    expect(outcome.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/u)
  })

  it("assignment show and list describe what the seed stored", async () => {
    const shown = await eng5(["assignment", "show", assignment, "--json"], cwd)
    expectExit(shown, 0)
    expect(shown.stdout).toContain("eng5_np_legacy_9_step")
    const listed = await eng5(["assignment", "list", "--json", "--page-size", "100"], cwd)
    expectExit(listed, 0)
    const ids = (JSON.parse(listed.stdout) as { items: Array<{ assignmentId: string }> }).items.map((i) => i.assignmentId)
    expect(ids).toContain(assignment)
  })

  it("anchors list shows the dataset's twelve anchors with their grades", async () => {
    const outcome = await eng5(["anchors", "list", assignment, "--json"], cwd)
    expectExit(outcome, 0)
    const anchors = (JSON.parse(outcome.stdout) as { anchors: Array<{ anchorLabel: string; grade: string }> }).anchors
    expect(anchors).toHaveLength(12)
    expect(anchors).toContainEqual(expect.objectContaining({ anchorLabel: "anchor_C+1", grade: "C+" }))
  })

  it("anchors register fails (exit 1), naming each anchor file, when CJ answers 201 but keeps nothing", async () => {
    const bare = await seedAssignment(EXAMPLE, { NO_ANCHORS: "1" })
    const outcome = await eng5(["anchors", "register", bare, "--assets", EXAMPLE], cwd)
    expect(await anchorsHeldByCj(bare)).toBe(0)
    expectExit(outcome, 1)
    const said = outcome.stdout + outcome.stderr
    for (const file of ["anchor_A1.docx", "anchor_F+1.txt"]) expect(said).toContain(file)
    expect(said).not.toMatch(/12 registered/u)
  })

  it("content upload stores every student essay in the Content Service, and a second upload reuses them", async () => {
    const first = await eng5(["content", "upload", "--assets", EXAMPLE, "--json"], cwd)
    expectExit(first, 0)
    const report = JSON.parse(first.stdout) as { essays: number; uploaded: number; files: Array<{ storageId: string }> }
    expect(report.essays).toBe(24)
    for (const file of report.files) {
      const stored = await fetch(`${inject("platformEnv")["CONTENT_SERVICE_URL"]}/${file.storageId}`)
      expect(stored.status).toBe(200)
      expect((await stored.text()).length).toBeGreaterThan(100)
    }
    const again = await eng5(["content", "upload", "--assets", EXAMPLE, "--json"], cwd)
    expectExit(again, 0)
    expect(JSON.parse(again.stdout)).toMatchObject({ uploaded: 0, reused: 24 })
  })
})
