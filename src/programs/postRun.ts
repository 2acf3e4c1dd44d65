import { Cause, Clock, Effect, Exit } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import { type PostRunContext, PostRunHooks } from "../services/PostRunHooks.js"
import { logInfo, logWarn } from "../services/RunLog.js"

export type HookStatus = "succeeded" | "failed" | "skipped"

/** One hook's line in the artefact (`validation.post_run.<name>`) and in the summary. */
export interface HookRecord {
  readonly status: HookStatus
  readonly detail: string
  readonly started_at: string | null
  readonly finished_at: string | null
  readonly result?: Readonly<Record<string, unknown>>
}

const RAN_ON: ReadonlyArray<RunOutcome> = ["completed", "completed_without_result"]

const describeCause = (cause: Cause.Cause<{ readonly message: string }>): string => {
  const failure = Cause.findErrorOption(cause)
  if (failure._tag === "Some") return failure.value.message
  const squashed = Cause.squash(cause)
  return squashed instanceof Error ? `defect: ${squashed.message}` : `defect: ${String(squashed)}`
}

/**
 * Runs every post-run hook once CJ has completed the batch, one after another; a failing hook
 * is recorded and does not stop the others. Hooks are skipped (and recorded as skipped) when
 * the batch did not complete.
 */
export const runPostRunHooks = (context: PostRunContext) =>
  Effect.gen(function* () {
    const { hooks } = yield* PostRunHooks
    const records: Record<string, HookRecord> = {}
    for (const hook of hooks) {
      if (!RAN_ON.includes(context.outcome)) {
        records[hook.name] = { status: "skipped", detail: `the batch did not complete (${context.outcome})`, started_at: null, finished_at: null }
        continue
      }
      const startedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      const exit = yield* Effect.exit(Effect.suspend(() => hook.run(context)))
      const finishedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      if (Exit.isSuccess(exit)) {
        records[hook.name] = { status: "succeeded", detail: "ok", started_at: startedAt, finished_at: finishedAt, ...(exit.value === undefined ? {} : { result: exit.value }) }
        yield* logInfo("post_run_hook_succeeded", { hook: hook.name })
      } else {
        const detail = describeCause(exit.cause)
        records[hook.name] = { status: "failed", detail, started_at: startedAt, finished_at: finishedAt }
        yield* logWarn("post_run_hook_failed", { hook: hook.name, detail })
      }
    }
    return records
  })

export const anyHookFailed = (records: Readonly<Record<string, HookRecord>>): boolean => Object.values(records).some((r) => r.status === "failed")
