import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it, vi } from "vitest"
import { type ExperimentReport, writeExperimentReport } from "../../../src/programs/experimentReport.js"

const drawing = vi.hoisted(() => ({ fails: false }))
vi.mock("../../../src/report/experimentPage.js", async (original) => {
  const actual = await original<typeof import("../../../src/report/experimentPage.js")>()
  return { ...actual, experimentPage: (report: ExperimentReport) => (drawing.fails ? Promise.reject(new Error("the chart library gave up")) : actual.experimentPage(report)) }
})

const reportIn = (folder: string, html = join(folder, "report.html")): ExperimentReport => ({
  experiment: {
    name: "study",
    description: null,
    file: "/study.yaml",
    folder,
    mode: "execute",
    sandbox: true,
    repeats: 1,
    batches: { planned: 0, completed: 0, notCompleted: 0 },
    complete: true,
    generatedAt: "2026-02-07T10:00:00.000Z",
    bootstrap: { replicates: 2000, level: 0.95, resampled: "the anchors" },
    reportJson: join(folder, "report.json"),
    reportHtml: html
  },
  cells: [],
  error: null
})

describe("writing an experiment's report", () => {
  it("says charts that cannot be drawn are an eng5 bug (exit 1), not an unwritable file, and keeps report.json", async () => {
    const folder = mkdtempSync(join(tmpdir(), "eng5-experiment-report-"))
    drawing.fails = true
    const error = await Effect.runPromise(Effect.flip(writeExperimentReport(reportIn(folder)))).finally(() => {
      drawing.fails = false
    })
    expect(error._tag).toBe("ReportRenderFailed")
    expect(error.exitCode).toBe(1)
    expect(error.message).toContain("the chart library gave up")
    expect(existsSync(join(folder, "report.json"))).toBe(true)
    expect(existsSync(join(folder, "report.html"))).toBe(false)
  })

  it("names the --html file the disk refuses (exit 2)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "eng5-experiment-report-"))
    writeFileSync(join(folder, "not-a-folder"), "")
    const error = await Effect.runPromise(Effect.flip(writeExperimentReport(reportIn(folder, join(folder, "not-a-folder", "page.html")))))
    expect(error._tag).toBe("OutputNotWritable")
    expect(error.exitCode).toBe(2)
    expect(error.message).toContain(join(folder, "not-a-folder", "page.html"))
  })
})
