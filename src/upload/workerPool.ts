import { Effect } from "effect"

/**
 * Runs `work` over `items` with at most `concurrency` in flight, like Effect.forEach with a
 * concurrency limit, but with `concurrency` long-lived fibers that each take the next item
 * (a worker pool) instead of one new fiber per item: the next upload starts the moment one
 * finishes, which matters when a thousand small uploads are bound by round trips.
 * The first failure stops every worker.
 */
export const forEachPooled = <T, E, R>(items: ReadonlyArray<T>, concurrency: number, work: (item: T) => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> => {
  let next = 0
  const worker: Effect.Effect<void, E, R> = Effect.suspend(() => {
    if (next >= items.length) return Effect.void
    const item = items[next++] as T
    return Effect.flatMap(work(item), () => worker)
  })
  const workers = Math.max(1, Math.min(concurrency, items.length))
  return Effect.forEach(Array.from({ length: workers }, () => worker), (w) => w, { concurrency: "unbounded", discard: true })
}
