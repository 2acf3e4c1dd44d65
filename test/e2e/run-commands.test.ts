import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { essayText, makeAssets } from "../support/assets.js"
import { runCli } from "../support/cli.js"
import { corruptDocx, corruptPdf } from "../support/documents.js"

const emptyDir = () => mkdtempSync(join(tmpdir(), "eng5-e2e-"))
const unreadable = () => {
  const dir = makeAssets()
  symlinkSync(join(dir, "missing-target.txt"), join(dir, "student_essays", "dangling.txt"))
  return dir
}

const linkedOut = () => {
  const dir = makeAssets()
  symlinkSync("/etc/passwd", join(dir, "student_essays", "passwd.txt"))
  return dir
}

describe("eng5 run plan / dry-run on the example dataset", () => {
  it("plan prints the inventory as JSON with nothing else on stdout", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--json"])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.students.count).toBe(24)
    expect(report.anchors.count).toBe(12)
    expect(report.capacity.anchorStudentPairs).toBe(288)
  })

  it("plan prints a readable table on stdout and progress on stderr", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("student_20_freja.pdf")
    expect(result.stdout).toContain("anchor × student")
    expect(result.stderr).toContain("Read essays")
  })

  it("plan names the markdown files it could not choose the instructions from, and --instructions picks one", () => {
    const assets = makeAssets({ instructions: null, extra: { "notes.md": "# Notes\n", "prompt.md": "# Prompt\n" } })
    const unsure = runCli(["run", "plan", "--assets", assets])
    expect(unsure.code).toBe(0)
    expect(unsure.stderr).toContain(`2 markdown files in ${assets} (notes.md, prompt.md)`)
    expect(unsure.stderr).toContain("pass --instructions FILE to pick one")
    const picked = runCli(["run", "plan", "--assets", assets, "--instructions", join(assets, "prompt.md")])
    expect(picked.stderr).not.toContain("markdown files in")
  })

  it("dry-run leaves a run folder with a valid request and artefact", () => {
    const out = emptyDir()
    const uuid = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
    const result = runCli(["run", "dry-run", "--assets", "examples/eng5", "--output-dir", out, "--batch-id", "pilot", "--batch-uuid", uuid, "--json"])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.runFolder).toBe(join(out, `pilot-${uuid}`))
    expect(readdirSync(report.runFolder).sort()).toEqual(["assessment_run.json", "logs", "request.json"])
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.metadata.batch_uuid).toBe(uuid)
    expect(artefact.metadata.batch_id).toBe("pilot")
    const logLines = readFileSync(report.logPath, "utf8").trim().split("\n").map((l) => JSON.parse(l))
    expect(logLines.map((l) => l.event)).toContain("dry_run_written")
  })
})

describe("bad input: exit 2, a message naming the flag or file and the fix, nothing written", () => {
  const cases: ReadonlyArray<readonly [string, () => ReadonlyArray<string>, string]> = [
    ["missing assets directory", () => ["--assets", "/nonexistent/eng5"], "--assets"],
    ["empty assets directory", () => ["--assets", emptyDir()], "student_essays"],
    ["no anchors", () => ["--assets", makeAssets({ anchors: {} })], "anchor_essays"],
    ["no students", () => ["--assets", makeAssets({ students: {} })], "student_essays"],
    ["dangling link", () => ["--assets", unreadable()], "dangling.txt is a link to"],
    ["link out of the dataset", () => ["--assets", linkedOut()], "passwd.txt is a link to /etc/passwd, outside the dataset folder"],
    ["essay over --max-text-chars", () => ["--assets", makeAssets({ students: { "long.txt": essayText("x") } }), "--max-text-chars", "50"], "long.txt holds 1"],
    ["corrupt .docx", () => ["--assets", makeAssets({ students: { "bad.docx": corruptDocx() } })], "bad.docx is not a readable Word document"],
    ["corrupt .pdf", () => ["--assets", makeAssets({ students: { "bad.pdf": corruptPdf() } })], "bad.pdf is not a readable PDF"],
    ["empty essay", () => ["--assets", makeAssets({ students: { "empty.txt": "" } })], "empty.txt contains no text"],
    ["anchor without a grade", () => ["--assets", makeAssets({ anchors: { "anchor_12.txt": essayText("x") } })], "anchor_12.txt has no grade"],
    ["anchor grade outside the scale", () => ["--assets", makeAssets({ anchors: { "anchor_Q1.txt": essayText("x") } })], "not in eng5_np_legacy_9_step"],
    ["two essays with one id", () => ["--assets", makeAssets({ students: { "a b.txt": essayText("1"), "a-b.txt": essayText("2") } })], "same essay id"],
    ["--max-comparisons 1", () => ["--assets", "examples/eng5", "--max-comparisons", "1"], "--max-comparisons"],
    ["malformed --batch-uuid", () => ["--assets", "examples/eng5", "--batch-uuid", "1234"], "--batch-uuid"],
    ["malformed --assignment-id", () => ["--assets", "examples/eng5", "--assignment-id", "eng5-role-models"], "--assignment-id"],
    ["unknown --course-code", () => ["--assets", "examples/eng5", "--course-code", "ENG9"], "--course-code"],
    ["unknown --language", () => ["--assets", "examples/eng5", "--language", "fi"], "--language"]
  ]

  it.each(cases)("%s", (_name, args, expected) => {
    const out = emptyDir()
    const result = runCli(["run", "dry-run", ...args(), "--output-dir", out])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(expected)
    expect(result.stderr).toMatch(/→ \S/)
    expect(readdirSync(out)).toEqual([])
  })

  it.each(cases)("%s, in the sandbox", (_name, args, expected) => {
    const out = emptyDir()
    const result = runCli(["run", "execute", "--sandbox", ...args(), "--output-dir", out])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(expected)
    expect(result.stderr).toMatch(/→ \S/)
    expect(result.stderr).not.toContain("bug in eng5")
    expect(readdirSync(out)).toEqual([])
  })

  it("output directory not writable", () => {
    const result = runCli(["run", "dry-run", "--assets", "examples/eng5", "--output-dir", "/etc/hostname/runs"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("/etc/hostname/runs cannot be written")
    expect(result.stderr).toContain("--output-dir")
  })

  it("with --json the error is one JSON object on stdout", () => {
    const result = runCli(["run", "plan", "--assets", "examples/eng5", "--language", "fi", "--json"])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { tag: "InvalidFlag", exitCode: 2 } })
  })
})
