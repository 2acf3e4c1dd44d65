import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { ExitCode } from "../../../src/errors.js"
import { runInFolder } from "../../../src/programs/experimentRun.js"
import type { ExperimentMode, LoadedExperiment } from "../../../src/programs/experimentSpec.js"
import type { RunReport } from "../../../src/programs/runReport.js"
import { readExperimentState, writeExperimentState } from "../../../src/runFolder/experimentFolder.js"
import { RunLog } from "../../../src/services/RunLog.js"
import { Progress } from "../../../src/services/Progress.js"
import { batchRecord, cellNamed, experimentState, writeOutcome, writeRunFolder } from "../../support/experimentFolders.js"

const BUILD = { version: "0.1.0", gitSha: "abcdef1", nodeVersion: "v24", platform: "linux" }

/** What a batch's program reports when CJ completed it. */
const completedReport = (runFolder: string, batchUuid: string): RunReport => ({
  mode: "execute",
  sandbox: null,
  batchUuid,
  batchLabel: "base-r1",
  correlationId: "c",
  runFolder,
  requestPath: join(runFolder, "request.json"),
  artefactPath: join(runFolder, "assessment_run.json"),
  logPath: join(runFolder, "logs", "eng5.jsonl"),
  published: null,
  outcome: "completed",
  message: "CJ completed the batch and published its result.",
  exitCode: ExitCode.Success,
  error: null,
  partialData: false,
  elapsedSeconds: 1,
  upload: null,
  comparisons: { received: 0, succeeded: 0, failed: 0, duplicates: 0 },
  events: { completions: 1, results: 1, failures: 0, invalid: 0 },
  cjStatus: null,
  costs: { totalUsd: 0, estimate: null, atUserPricesUsd: null, byModel: [] },
  promptHashes: [],
  gradeProjections: [],
  postRun: [],
  reliability: null,
  attachCommand: null
})

describe("running an experiment's batches", () => {
  it("follows a published live batch that had not finished again (attach), with its cell's settings, and records how it ended", async () => {
    const folder = mkdtempSync(join(tmpdir(), "eng5-experiment-run-"))
    const cell = { ...cellNamed("base"), settings: { "llm-temperature": 0.3 } }
    const uuid = "9f1c1d1e-0000-4000-8000-000000000001"
    const runFolder = await writeRunFolder({ published: true, sandbox: false, outcome: "interrupted", batchUuid: uuid })
    const interrupted = { ...batchRecord("base", 1, runFolder), batch_uuid: uuid, error: { tag: "RunInterrupted", message: "Interrupted.", fix: "Run it again.", exitCode: ExitCode.Interrupted } }
    await Effect.runPromise(writeExperimentState(folder, experimentState([{ cell: "base", fingerprint: "f", settings: cell.settings }], { repeats: 1, batches: [interrupted] })))
    const attached: Array<{ settings: unknown; runFolder: string }> = []
    const started: Array<string> = []
    const mode: ExperimentMode = {
      name: "execute",
      catalogue: {},
      guest: false,
      preflight: "execute",
      shape: (prepared) => prepared,
      parseCell: () => Promise.resolve([]),
      cellLayer: () => Promise.reject(new Error("the batches' checks ran before")),
      batch: (_settings, identity) => {
        started.push(identity.label)
        return Promise.reject(new Error("a published live batch is followed again, not started"))
      },
      attach: async (settings, folderOfRun) => {
        attached.push({ settings, runFolder: folderOfRun })
        // CJ completes the batch while it is followed again.
        await writeOutcome(folderOfRun, uuid, "completed")
        return Effect.succeed(completedReport(folderOfRun, uuid))
      }
    }
    const loaded: LoadedExperiment = { file: "/study.yaml", spec: { name: "study", description: null, mode: "execute", sandbox: false, repeats: 1, cells: [cell] }, mode, cells: [cell] }
    const services = Layer.mergeAll(Progress.silent, RunLog.discard)
    const report = await Effect.runPromise(
      runInFolder(loaded, folder, { outputDir: tmpdir(), parallel: 2, build: BUILD, style: "lines", batchLog: () => RunLog.discard }).pipe(Effect.provide(services))
    )

    expect(attached).toEqual([{ settings: { "llm-temperature": 0.3 }, runFolder }])
    expect(started).toEqual([])
    const state = await Effect.runPromise(readExperimentState(folder))
    // The same batch, no longer recorded as interrupted.
    expect(state?.batches).toEqual([{ ...interrupted, error: null }])
    expect(report.experiment.batches).toEqual({ planned: 1, completed: 1, notCompleted: 0 })
  })
})
