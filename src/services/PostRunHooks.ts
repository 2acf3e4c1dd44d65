import { Context, type Effect, Layer } from "effect"
import type { RunOutcome } from "../domain/artefact.js"

/** The flags of the command that ran the batch, as oclif parsed them (a hook reads its own, e.g. `cj-database-url`). */
export type HookFlags = Readonly<Record<string, unknown>>

/** What a hook is told about the finished run: the payload of the post-run event. */
export interface PostRunContext {
  readonly runFolder: string
  readonly artefactPath: string
  readonly batchUuid: string
  readonly batchLabel: string
  readonly outcome: RunOutcome
  /** The command's parsed flags; empty when the run was started from code. */
  readonly flags: HookFlags
  /** The environment the command ran with (after `.env`). */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** Anything a hook fails with: a tagged error with a message (and ideally a `fix`). */
export interface PostRunHookError {
  readonly message: string
  readonly fix?: string
}

/**
 * A step after the batch (a plugin's report, a database extraction, …). It runs only when CJ
 * completed the batch; whatever it returns is recorded in the artefact under
 * `validation.post_run.<name>.result`. It runs under a timeout and its failures, defects
 * included, are recorded, never thrown at the run.
 */
export interface PostRunHook {
  readonly name: string
  readonly description?: string
  readonly run: (context: PostRunContext) => Effect.Effect<Readonly<Record<string, unknown>> | void, PostRunHookError>
}

export interface PostRunHooksService {
  readonly hooks: ReadonlyArray<PostRunHook>
  /** Per hook; a hook still running then is interrupted and recorded as failed. */
  readonly timeoutMs: number
  /** Handed to each hook in its context. */
  readonly flags: HookFlags
  readonly env: Readonly<Record<string, string | undefined>>
}

export interface PostRunHooksOptions {
  readonly timeoutMs?: number
  readonly flags?: HookFlags
  readonly env?: Readonly<Record<string, string | undefined>>
}

export const DEFAULT_POST_RUN_TIMEOUT_MS = 600_000

export class PostRunHooks extends Context.Service<PostRunHooks, PostRunHooksService>()("eng5/services/PostRunHooks") {
  /** No hooks: what a run gets unless --post-run names some. */
  static readonly none = Layer.succeed(PostRunHooks, { hooks: [], timeoutMs: DEFAULT_POST_RUN_TIMEOUT_MS, flags: {}, env: {} })
  static readonly layer = (hooks: ReadonlyArray<PostRunHook>, options: PostRunHooksOptions = {}) =>
    Layer.succeed(PostRunHooks, { hooks, timeoutMs: options.timeoutMs ?? DEFAULT_POST_RUN_TIMEOUT_MS, flags: options.flags ?? {}, env: options.env ?? {} })
}
