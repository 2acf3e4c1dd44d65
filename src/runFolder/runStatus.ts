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

/** What a run's artefact says about how it ended (its JSON is parsed, not schema-decoded). */
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

/** The outcome and cost an artefact (parsed JSON, or null when there is none) records. */
export const storedResultOf = (artefact: unknown): StoredResult => {
  const head: ArtefactHead = Predicate.isObject(artefact) ? artefact : {}
  const outcome = head.validation?.runner_status?.outcome
  const cost = head.costs?.total_usd
  return { outcome: typeof outcome === "string" ? outcome : null, costUsd: typeof cost === "number" ? cost : null }
}

/** The run folder's artefact as parsed JSON, or null when it is missing or unreadable. */
export const readStoredArtefact = (folder: string): Effect.Effect<unknown> =>
  Effect.promise(() => readArtefactFile(join(folder, RUN_FILES.artefact)).catch(() => null))

export const storedResult = (folder: string): Effect.Effect<StoredResult> => Effect.map(readStoredArtefact(folder), storedResultOf)
