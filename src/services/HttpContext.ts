import { Context, Effect } from "effect"

/**
 * The run's correlation id, sent as X-Correlation-ID on every HTTP call made inside
 * `withCorrelationId` so CJ's logs and error bodies can be matched to the run (contracts §8).
 */
export const CorrelationId = Context.Reference<string | undefined>("eng5/services/HttpContext/CorrelationId", {
  defaultValue: () => undefined
})

export const withCorrelationId =
  (correlationId: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.provideService(effect, CorrelationId, correlationId)

/** One retried HTTP attempt: which service, why, and which attempt comes next. */
export interface HttpRetry {
  readonly service: string
  readonly reason: string
  readonly nextAttempt: number
  readonly delayMillis: number
}

/** Told about every retry of an HTTP call made inside `observeRetries`; by default nobody listens. */
export const RetryObserver = Context.Reference<(retry: HttpRetry) => Effect.Effect<void>>("eng5/services/HttpContext/RetryObserver", {
  defaultValue: () => () => Effect.void
})

export const observeRetries =
  (observer: (retry: HttpRetry) => Effect.Effect<void>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.provideService(effect, RetryObserver, observer)
