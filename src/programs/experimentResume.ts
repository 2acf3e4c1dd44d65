import { Effect } from "effect"
import type { BatchRecord } from "../runFolder/experimentFolder.js"
import { readRunState } from "../runFolder/runState.js"
import { isFinished, isSandboxRun, storedResult } from "../runFolder/runStatus.js"
import { seedFrom } from "../statistics/random.js"
import type { LoadedCell } from "./experimentSpec.js"

/** What a batch's run folder says about it. */
interface RunFolderStatus {
  /** The request went to Kafka (run.json records the publish). */
  readonly published: boolean
  /** A sandbox batch: its CJ lived in the process that ran it. */
  readonly sandbox: boolean
  /** How following ended, as the artefact records it; null without an artefact. */
  readonly outcome: string | null
  /** What the batch cost, as the artefact records it; null without an artefact. */
  readonly costUsd: number | null
}

export type BatchAction =
  | { readonly _tag: "Keep"; readonly record: BatchRecord; readonly outcome: string; readonly costUsd: number }
  | { readonly _tag: "Attach"; readonly record: BatchRecord }
  | { readonly _tag: "Start"; readonly cell: LoadedCell; readonly repeat: number; readonly label: string; readonly seed: number; readonly previous: BatchRecord["previous"] }

/**
 * What a resumed experiment does with a batch, from its run folder: a finished batch is kept;
 * a published live batch is followed again (attach); anything else (never started, failed
 * before publishing, or a sandbox batch whose CJ ended with its process) is started afresh.
 */
export const decide = (status: Pick<RunFolderStatus, "published" | "sandbox" | "outcome"> | null): "keep" | "attach" | "start" => {
  if (status === null || !status.published) return "start"
  if (isFinished(status.outcome)) return "keep"
  return status.sandbox ? "start" : "attach"
}

/** The run folder's state, or null when there is none (the batch never got that far). */
const runFolderStatus = (folder: string) =>
  Effect.gen(function* () {
    const state = yield* readRunState(folder).pipe(Effect.option)
    if (state._tag === "None") return null
    const status: RunFolderStatus = { published: state.value.published !== null, sandbox: isSandboxRun(state.value), ...(yield* storedResult(folder)) }
    return status
  })

export const batchLabel = (cell: LoadedCell, repeat: number): string => `${cell.slug}-r${repeat}`

/**
 * A batch's sandbox seed, from the cell's seed (--seed, default 1), the cell and the repeat:
 * not from the batch's place in the experiment, so raising repeats or adding cells later gives
 * every batch already run the same seed, and the new ones seeds of their own.
 */
export const batchSeed = (cell: LoadedCell, repeat: number): number => seedFrom(`${cell.parsed.seed}:${cell.slug}:${repeat}`)

/** Every batch of every cell, in order (cell by cell, repeat by repeat), with what to do with it. */
export const planBatches = (cells: ReadonlyArray<LoadedCell>, repeats: number, records: ReadonlyArray<BatchRecord>) =>
  Effect.forEach(
    cells.flatMap((cell) => Array.from({ length: repeats }, (_, index) => ({ cell, repeat: index + 1 }))),
    ({ cell, repeat }) =>
      Effect.gen(function* () {
        const record = records.find((r) => r.cell === cell.name && r.repeat === repeat)
        const status = record === undefined ? null : yield* runFolderStatus(record.run_folder)
        const decision = decide(status)
        if (record !== undefined && decision === "keep") return { _tag: "Keep", record, outcome: status?.outcome ?? "", costUsd: status?.costUsd ?? 0 } satisfies BatchAction
        if (record !== undefined && decision === "attach") return { _tag: "Attach", record } satisfies BatchAction
        const previous = record === undefined ? [] : [...record.previous, { batch_uuid: record.batch_uuid, run_folder: record.run_folder }]
        // A batch started again (a rehearsal cut short) keeps the seed it was given.
        return { _tag: "Start", cell, repeat, label: batchLabel(cell, repeat), seed: record?.seed ?? batchSeed(cell, repeat), previous } satisfies BatchAction
      })
  )
