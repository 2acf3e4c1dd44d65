import { join } from "node:path"
import { Effect, Predicate } from "effect"
import { isSandboxBootstrap } from "../domain/continueRun.js"
import { readArtefactFile } from "../runFolder/artefactFile.js"
import type { BatchRecord } from "../runFolder/experimentFolder.js"
import { RUN_FILES } from "../runFolder/runFolder.js"
import { readRunState } from "../runFolder/runState.js"
import type { LoadedCell } from "./experimentSpec.js"

/** What a batch's run folder says about it. */
export interface RunFolderStatus {
  /** The request went to Kafka (run.json records the publish). */
  readonly published: boolean
  /** A sandbox batch: its CJ lived in the process that ran it. */
  readonly sandbox: boolean
  /** How following ended, as the artefact records it; null without an artefact. */
  readonly outcome: string | null
}

/** Outcomes after which a batch is finished: nothing more will arrive for it. */
export const FINISHED_OUTCOMES: ReadonlyArray<string> = ["completed", "batch_failed"]

export type BatchAction =
  | { readonly _tag: "Keep"; readonly record: BatchRecord; readonly outcome: string }
  | { readonly _tag: "Attach"; readonly record: BatchRecord }
  | { readonly _tag: "Start"; readonly cell: LoadedCell; readonly repeat: number; readonly label: string; readonly seed: number; readonly previous: BatchRecord["previous"] }

/**
 * What a resumed experiment does with a batch, from its run folder: a finished batch is kept;
 * a published live batch is followed again (attach); anything else (never started, failed
 * before publishing, or a sandbox batch whose CJ ended with its process) is started afresh.
 */
export const decide = (status: RunFolderStatus | null): "keep" | "attach" | "start" => {
  if (status === null || !status.published) return "start"
  if (status.outcome !== null && FINISHED_OUTCOMES.includes(status.outcome)) return "keep"
  return status.sandbox ? "start" : "attach"
}

/** The run folder's state, or null when there is none (the batch never got that far). */
export const runFolderStatus = (folder: string) =>
  Effect.gen(function* () {
    const state = yield* readRunState(folder).pipe(Effect.option)
    if (state._tag === "None") return null
    const artefact = yield* Effect.promise(() => readArtefactFile(join(folder, RUN_FILES.artefact)).catch(() => null))
    const runnerStatus = Predicate.isObject(artefact) ? (artefact as { readonly validation?: { readonly runner_status?: { readonly outcome?: unknown } } }).validation?.runner_status : undefined
    const status: RunFolderStatus = {
      published: state.value.published !== null,
      sandbox: state.value.sandbox === true || isSandboxBootstrap(state.value.kafka?.bootstrap ?? null),
      outcome: typeof runnerStatus?.outcome === "string" ? runnerStatus.outcome : null
    }
    return status
  })

export const batchLabel = (cell: LoadedCell, repeat: number): string => `${cell.slug}-r${repeat}`

/** Every batch of every cell, in order (cell by cell, repeat by repeat), with what to do with it. */
export const planBatches = (cells: ReadonlyArray<LoadedCell>, repeats: number, records: ReadonlyArray<BatchRecord>) =>
  Effect.forEach(
    cells.flatMap((cell, cellIndex) => Array.from({ length: repeats }, (_, index) => ({ cell, repeat: index + 1, number: cellIndex * repeats + index }))),
    ({ cell, repeat, number }) =>
      Effect.gen(function* () {
        const record = records.find((r) => r.cell === cell.name && r.repeat === repeat)
        const status = record === undefined ? null : yield* runFolderStatus(record.run_folder)
        const decision = decide(status)
        if (record !== undefined && decision === "keep") return { _tag: "Keep", record, outcome: status?.outcome ?? "" } satisfies BatchAction
        if (record !== undefined && decision === "attach") return { _tag: "Attach", record } satisfies BatchAction
        const previous = record === undefined ? [] : [...record.previous, { batch_uuid: record.batch_uuid, run_folder: record.run_folder }]
        // The seed of a cell's first batch is the cell's --seed (default 1); the experiment's later batches count on from it.
        return { _tag: "Start", cell, repeat, label: batchLabel(cell, repeat), seed: cell.parsed.seed + number, previous } satisfies BatchAction
      })
  )
