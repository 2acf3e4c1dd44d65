import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import type { RunOutcome } from "../../src/domain/artefact.js"
import { sandboxBootstrap } from "../../src/domain/continueRun.js"
import type { LoadedCell } from "../../src/programs/experimentSpec.js"
import { writeArtefact } from "../../src/runFolder/artefactFile.js"
import type { BatchRecord, ExperimentState } from "../../src/runFolder/experimentFolder.js"
import { RUN_FILES } from "../../src/runFolder/runFolder.js"
import { writeRunState } from "../../src/runFolder/runState.js"
import { stubArtefact } from "./artefacts.js"

/** A cell of an experiment as loadExperiment leaves it, with no settings of its own. */
export const cellNamed = (name: string, seed = 1): LoadedCell => ({
  name,
  slug: name,
  variant: name,
  matrix: {},
  settings: {},
  fingerprint: "f",
  parsed: { seed, runOptions: () => ({ assets: "/a", outputDir: "o", batchLabel: "b", userId: "u", courseCode: "ENG5", language: "en", contentServiceUrl: "http://x" }) }
})

/** Overwrites the run folder's artefact with a stub that ended with `outcome` and cost `costUsd`. */
export const writeOutcome = async (folder: string, batchUuid: string, outcome: RunOutcome, costUsd = 0): Promise<void> => {
  const stub = stubArtefact(batchUuid)
  const artefact = { ...stub, costs: { ...stub.costs, total_usd: costUsd }, validation: { ...stub.validation, runner_status: { ...stub.validation.runner_status, outcome } } }
  await writeArtefact(join(folder, RUN_FILES.artefact), artefact, [], { sync: false })
}

/** A run folder as execute leaves it: run.json (published or not, live or sandbox) and the artefact's outcome. */
export const writeRunFolder = async (options: { readonly published: boolean; readonly sandbox: boolean; readonly outcome: RunOutcome; readonly costUsd?: number; readonly batchUuid?: string }): Promise<string> => {
  const folder = mkdtempSync(join(tmpdir(), "eng5-resume-"))
  const stub = stubArtefact(options.batchUuid)
  await Effect.runPromise(
    writeRunState(folder, {
      schema_version: 1,
      batch_uuid: stub.metadata.batch_uuid,
      batch_label: "b",
      correlation_id: stub.metadata.correlation_id,
      assignment_id: null,
      grade_scale: "eng5_np_legacy_9_step",
      created_at: "2026-02-07T10:00:00.000Z",
      upload_cache: null,
      kafka: { bootstrap: options.sandbox ? sandboxBootstrap(1) : "localhost:9093", client_id: "c", start_offsets: {} },
      published: options.published ? { topic: "t", partition: 0, offset: "1", at: "2026-02-07T10:00:00.000Z" } : null,
      ...(options.sandbox ? { sandbox: true } : {})
    })
  )
  await writeOutcome(folder, stub.metadata.batch_uuid, options.outcome, options.costUsd)
  return folder
}

/** The experiment's record of one batch. */
export const batchRecord = (cell: string, repeat: number, folder: string): BatchRecord => ({
  cell,
  repeat,
  label: `${cell}-r${repeat}`,
  seed: 1,
  batch_uuid: `uuid-${cell}-${repeat}`,
  run_folder: folder,
  started_at: "2026-02-07T10:00:00.000Z",
  error: null,
  previous: []
})

/** experiment.json of an experiment named "study" in mode execute, with these cells and no batches unless `overrides` says. */
export const experimentState = (cells: ReadonlyArray<{ readonly cell: string; readonly fingerprint: string; readonly settings?: Readonly<Record<string, unknown>> }>, overrides: Partial<ExperimentState> = {}): ExperimentState => ({
  schema: "eng5.experiment/1",
  name: "study",
  description: null,
  file: "/study.yaml",
  mode: "execute",
  sandbox: false,
  repeats: 2,
  created_at: "2026-02-07T10:00:00.000Z",
  updated_at: "2026-02-07T10:00:00.000Z",
  cells: cells.map((c) => ({ cell: c.cell, variant: c.cell, matrix: {}, settings: c.settings ?? {}, fingerprint: c.fingerprint })),
  batches: [],
  ...overrides
})
