import { Effect, Exit, Fiber } from "effect"

/**
 * Saves (checkpoints, artefact rewrites) that run while events keep being read: one at a time,
 * never interrupted half-way, and a failed one fails the next `start` or `settled`.
 */
export const makeBackgroundSaves = <E>() => {
  let running: Fiber.Fiber<void, E> | undefined

  const settled = Effect.suspend(() => {
    const fiber = running
    running = undefined
    return fiber === undefined ? Effect.void : Fiber.join(fiber)
  })

  /** Starts `save` unless one is still running (then nothing happens and the answer is false). */
  const start = <R>(save: Effect.Effect<void, E, R>) =>
    Effect.gen(function* () {
      if (running !== undefined) {
        const exit = running.pollUnsafe()
        if (exit === undefined) return false
        running = undefined
        if (Exit.isFailure(exit)) return yield* Effect.failCause(exit.cause)
      }
      running = yield* Effect.forkChild(Effect.uninterruptible(save))
      return true
    })

  return { start, settled }
}
