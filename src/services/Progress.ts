import { Context, Effect, Layer } from "effect"

/** Live feedback on stderr. Programs name their steps; layers decide how they look. */
export interface ProgressService {
  /** Runs one named step, shown as running, then done or failed. */
  readonly step: <A, E, R>(title: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** A one-line note under the current step (counts, rates, warnings). */
  readonly note: (text: string) => Effect.Effect<void>
}

export class Progress extends Context.Service<Progress, ProgressService>()("eng5/services/Progress") {
  /** Shows nothing: for --json and for tests that do not look at progress. */
  static readonly silent = Layer.succeed(Progress, {
    step: (_title, effect) => effect,
    note: () => Effect.void
  })
}
