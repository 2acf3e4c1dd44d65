import { Context, type Effect, Layer } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import type { PostRunHookFailed } from "../errors.js"

/** What a hook is told about the finished run. */
export interface PostRunContext {
  readonly runFolder: string
  readonly artefactPath: string
  readonly batchUuid: string
  readonly batchLabel: string
  readonly outcome: RunOutcome
}

/**
 * A step after the batch (a plugin's report, a database extraction, …). It runs only when CJ
 * completed the batch; whatever it returns is recorded in the artefact under
 * `validation.post_run.<name>.result`.
 */
export interface PostRunHook {
  readonly name: string
  readonly run: (context: PostRunContext) => Effect.Effect<Readonly<Record<string, unknown>> | void, PostRunHookFailed>
}

export class PostRunHooks extends Context.Service<PostRunHooks, { readonly hooks: ReadonlyArray<PostRunHook> }>()("eng5/services/PostRunHooks") {
  /** No hooks: the default until plugins register some. */
  static readonly none = Layer.succeed(PostRunHooks, { hooks: [] })
  static readonly layer = (hooks: ReadonlyArray<PostRunHook>) => Layer.succeed(PostRunHooks, { hooks })
}
