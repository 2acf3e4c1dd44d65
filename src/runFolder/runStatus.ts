import { join } from "node:path"
import { Effect, Predicate } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import { isSandboxBootstrap } from "../domain/continueRun.js"
import { readArtefactFile } from "./artefactFile.js"
import { RUN_FILES } from "./runFolder.js"
import type { RunState } from "./runState.js"

/** Outcomes after which a batch is finished: nothing more will arrive for it. */
const FINISHED_OUTCOMES: ReadonlyArray<RunOutcome> = ["completed", "batch_failed"]

export const isFinished = (outcome: string | null): outcome is string => outcome !== null && (FINISHED_OUTCOMES as ReadonlyArray<string>).includes(outcome)

/** A sandbox batch: its CJ lived in the process that ran it, so nothing can follow it again. */
export const isSandboxRun = (state: RunState): boolean => state.sandbox === true || isSandboxBootstrap(state.kafka?.bootstrap ?? null)

/** What a run's artefact says about how it ended, read without decoding its comparison records. */
interface StoredResult {
  /** How following ended; null without an artefact. */
  readonly outcome: string | null
  /** What the batch cost; null without an artefact. */
  readonly costUsd: number | null
}

interface ArtefactHead {
  readonly validation?: { readonly runner_status?: { readonly outcome?: unknown } }
  readonly costs?: { readonly total_usd?: unknown }
}

export const storedResult = (folder: string): Effect.Effect<StoredResult> =>
  Effect.promise(async () => {
    const artefact = await readArtefactFile(join(folder, RUN_FILES.artefact)).catch(() => null)
    const head: ArtefactHead = Predicate.isObject(artefact) ? artefact : {}
    const outcome = head.validation?.runner_status?.outcome
    const cost = head.costs?.total_usd
    return { outcome: typeof outcome === "string" ? outcome : null, costUsd: typeof cost === "number" ? cost : null }
  })
