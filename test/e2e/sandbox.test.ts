import { mkdtempSync, readFileSync, readdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { runCli } from "../support/cli.js"

const outDir = () => mkdtempSync(join(tmpdir(), "eng5-sandbox-"))
const sandboxRun = (out: string, ...extra: string[]) =>
  runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, "--json", ...extra])

/** Timestamps, UUIDs, storage ids and what is derived from them (checksums, the batch part of the ids sent) are the only things allowed to differ. */
const masked = (text: string): string =>
  text
    .replace(/(student_[a-z0-9_]+)-[0-9a-f]{8}\b/g, "$1-<batch>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\b[0-9a-f]{32}\b/g, "<storage-id>")
    .replace(/"timestamp":\s*"\d{13}"/g, '"timestamp":"<epoch-ms>"')
    .replace(/"(artefact_checksum|sha256)":\s*"[0-9a-f]{64}"/g, '"$1":"<checksum>"')
    .replace(/"bytes":\s*\d+/g, '"bytes":<n>')

const runFolderOf = (out: string): string => {
  const [folder] = readdirSync(out).filter((name) => name.startsWith("eng5-np-local-batch-"))
  if (folder === undefined) throw new Error(`no run folder in ${out}`)
  return join(out, folder)
}

const readMasked = (out: string, file: string) => masked(readFileSync(join(runFolderOf(out), file), "utf8"))

describe("eng5 run execute --sandbox", () => {
  it("shows the comparisons received against the batch's budget while following", () => {
    const result = runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", outDir()])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/\d+ of up to 120 comparisons received/)
  })

  it("follows its batch to the end without --await-completion, and --help says so", () => {
    const result = runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--output-dir", outDir(), "--max-comparisons", "20", "--json"])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ outcome: "completed", attachCommand: null })
    expect(report.comparisons.received).toBeGreaterThan(0)
    expect(runCli(["run", "execute", "--help"]).stdout.replace(/\s+/g, " ")).toContain("The sandbox always follows its batch to the end")
  })

  it("the summary counts the prompt hashes; --verbose lists the most used", () => {
    const args = ["run", "execute", "--sandbox", "--assets", "examples/eng5", "--max-comparisons", "20"]
    const plain = runCli([...args, "--output-dir", outDir()])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^Prompt hashes: \d+ distinct \(each comparison's is in the artefact; --verbose lists the most used\)\.$/m)
    expect(plain.stdout).not.toContain("SHA-256 of the prompt")
    const verbose = runCli([...args, "--output-dir", outDir(), "--verbose"])
    expect(verbose.code).toBe(0)
    expect(verbose.stdout).toContain("SHA-256 of the prompt")
  })

  it("runs the example dataset to a complete, schema-valid artefact", () => {
    const out = outDir()
    const result = sandboxRun(out)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.outcome).toBe("completed")
    expect(report.gradeProjections).toHaveLength(24)
    const artefact = JSON.parse(readFileSync(report.artefactPath, "utf8"))
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.llm_comparisons.length).toBe(report.comparisons.received)
    expect(artefact.grade_projections.filter((p: { essay_id: string }) => p.essay_id.startsWith("student_"))).toHaveLength(24)
    expect(readdirSync(join(report.runFolder, "events")).sort()).toEqual(["assessment_results.jsonl", "comparisons.jsonl", "completions.jsonl"])
  })

  it("reproduces a run from its seed, byte for byte but for timestamps and uuids", () => {
    const [first, second, other] = [outDir(), outDir(), outDir()]
    for (const out of [first, second]) expect(sandboxRun(out, "--seed", "42").code).toBe(0)
    expect(sandboxRun(other, "--seed", "43").code).toBe(0)
    const files = ["assessment_run.json", "events/comparisons.jsonl", "events/assessment_results.jsonl"]
    for (const file of files) expect(readMasked(second, file)).toBe(readMasked(first, file))
    expect(readMasked(other, "events/comparisons.jsonl")).not.toBe(readMasked(first, "events/comparisons.jsonl"))
  })

  it("counts error callbacks and duplicate deliveries like the live collector", () => {
    const result = sandboxRun(outDir(), "--seed", "3", "--sandbox-error-rate", "0.1", "--sandbox-duplicate-rate", "0.2")
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.comparisons.failed).toBeGreaterThan(0)
    expect(report.comparisons.duplicates).toBeGreaterThan(0)
    expect(report.comparisons.succeeded + report.comparisons.failed).toBe(report.comparisons.received)
    expect(report.error).toBeNull()
  })

  it("ends at once with CJ's reason when the batch fails", () => {
    const result = sandboxRun(outDir(), "--sandbox-fail-batch")
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.outcome).toBe("batch_failed")
    expect(report.message).toContain("SANDBOX_SIMULATED_FAILURE")
    expect(report.error).toEqual({ tag: "BatchFailed", message: report.message, fix: expect.stringContaining("failure_reason"), exitCode: 1 })
  })

  it("keeps partial data and exits 4 when the result never comes", () => {
    const result = sandboxRun(outDir(), "--sandbox-drop-result", "--result-grace", "1")
    expect(result.code).toBe(4)
    const report = JSON.parse(result.stdout)
    expect(report.partialData).toBe(true)
    expect(report.comparisons.received).toBeGreaterThan(0)
    expect(report.error).toMatchObject({ tag: "ResultMissing", exitCode: 4, fix: expect.stringContaining("Run the rehearsal again") })
  })

  it("rejects a fault rate outside 0–1 before anything runs", () => {
    const out = outDir()
    const result = runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--output-dir", out, "--sandbox-error-rate", "2"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--sandbox-error-rate")
    expect(readdirSync(out)).toEqual([])
  })
})
