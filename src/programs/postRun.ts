import { Cause, Clock, Duration, Effect, Exit } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import { type PostRunContext, type PostRunHook, type PostRunHookError, PostRunHooks } from "../services/PostRunHooks.js"
import { logInfo, logWarn } from "../services/RunLog.js"

export type HookStatus = "succeeded" | "failed" | "skipped"

/** One hook's line in the artefact (`validation.post_run.<name>`) and in the summary. */
export interface HookRecord {
  readonly status: HookStatus
  readonly detail: string
  readonly started_at: string | null
  readonly finished_at: string | null
  readonly result?: Readonly<Record<string, unknown>>
  /** The failure's advice, when the hook gave one. */
  readonly fix?: string
}

/** The outcomes after which hooks run: CJ completed the batch. */
export const HOOKS_RUN_ON: ReadonlyArray<RunOutcome> = ["completed", "completed_without_result"]

class HookTimedOut {
  readonly _tag = "HookTimedOut"
  constructor(readonly message: string) {}
}

const describeCause = (cause: Cause.Cause<PostRunHookError | HookTimedOut>): { detail: string; fix?: string } => {
  const failure = Cause.findErrorOption(cause)
  if (failure._tag === "Some") {
    const error = failure.value
    return { detail: error.message, ...("fix" in error && typeof error.fix === "string" ? { fix: error.fix } : {}) }
  }
  if (Cause.hasInterruptsOnly(cause)) return { detail: "interrupted" }
  const squashed = Cause.squash(cause)
  return { detail: squashed instanceof Error ? `defect: ${squashed.message}` : `defect: ${String(squashed)}` }
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value)

/** The hook's effect; a hook that throws or returns something else than an Effect is a defect of that hook, not of the run. */
const hookEffect = (hook: PostRunHook, context: PostRunContext) =>
  Effect.suspend(() => {
    const effect: unknown = hook.run(context)
    return Effect.isEffect(effect)
      ? (effect as ReturnType<PostRunHook["run"]>)
      : Effect.die(new Error(`hook ${hook.name} did not return an Effect`))
  })

/**
 * Runs every post-run hook once CJ has completed the batch, one after another, each under
 * the timeout; a failing, crashing or hanging hook is recorded and does not stop the others
 * or the run. Hooks are skipped (and recorded as skipped) when the batch did not complete.
 */
export const runPostRunHooks = (run: Omit<PostRunContext, "flags" | "env">) =>
  Effect.gen(function* () {
    const { hooks, timeoutMs, flags, env } = yield* PostRunHooks
    const context: PostRunContext = { ...run, flags, env }
    const records: Record<string, HookRecord> = {}
    for (const hook of hooks) {
      if (!HOOKS_RUN_ON.includes(context.outcome)) {
        records[hook.name] = { status: "skipped", detail: `the batch did not complete (${context.outcome})`, started_at: null, finished_at: null }
        yield* logInfo("post_run_hook_skipped", { hook: hook.name, outcome: context.outcome })
        continue
      }
      const startedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      const timedOut = new HookTimedOut(`did not finish within ${timeoutMs / 1000} s (--post-run-timeout); stopped`)
      const exit = yield* Effect.exit(
        hookEffect(hook, context).pipe(Effect.timeoutOrElse({ duration: Duration.millis(timeoutMs), orElse: () => Effect.fail(timedOut) }))
      )
      const finishedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      if (Exit.isSuccess(exit)) {
        const result = exit.value
        records[hook.name] = { status: "succeeded", detail: "ok", started_at: startedAt, finished_at: finishedAt, ...(isRecord(result) ? { result } : {}) }
        yield* logInfo("post_run_hook_succeeded", { hook: hook.name })
      } else {
        const { detail, fix } = describeCause(exit.cause)
        records[hook.name] = { status: "failed", detail, started_at: startedAt, finished_at: finishedAt, ...(fix === undefined ? {} : { fix }) }
        yield* logWarn("post_run_hook_failed", { hook: hook.name, detail })
      }
    }
    return records
  })

export const anyHookFailed = (records: Readonly<Record<string, HookRecord>>): boolean => Object.values(records).some((r) => r.status === "failed")
