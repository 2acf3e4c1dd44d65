import { Effect, Semaphore } from "effect"
import { OutputNotWritable, UploadCacheBusy } from "../errors.js"
import { LockTimeout } from "./fileLock.js"
import { saveUploadCache } from "./uploadCache.js"

export type CacheWriteError = UploadCacheBusy | OutputNotWritable

const writeError = (path: string) => (error: unknown): CacheWriteError =>
  error instanceof LockTimeout
    ? new UploadCacheBusy({
        path,
        message: `The upload cache ${path} stayed locked by ${error.holder}.`,
        fix: `Wait for the other eng5 run to finish and run again; if none is running, delete ${error.lockPath}.`
      })
    : new OutputNotWritable({
        path,
        message: `Could not write the upload cache ${path} (${error instanceof Error ? error.message : String(error)}).`,
        fix: "Free disk space or pass --output-dir DIR naming a directory you can write to."
      })

/**
 * Collects finished uploads and saves them to the cache file in small batches: one save at a
 * time, each taking every entry finished so far. Saves are uninterruptible, so Ctrl-C never
 * leaves a half-applied batch; `flush` saves whatever is still pending.
 */
export const makeCacheWriter = Effect.fnUntraced(function* (path: string, contentServiceUrl: string) {
  const pending = new Map<string, string>()
  const removals = new Set<string>()
  const lock = yield* Semaphore.make(1)

  const saveUnlocked = Effect.suspend(() => {
    if (pending.size === 0 && removals.size === 0) return Effect.void
    const set = new Map(pending)
    const remove = new Set(removals)
    pending.clear()
    removals.clear()
    return Effect.tryPromise({ try: () => saveUploadCache(path, contentServiceUrl, { set, remove }), catch: writeError(path) }).pipe(
      Effect.tapError(() =>
        Effect.sync(() => {
          for (const [checksum, id] of set) if (!pending.has(checksum)) pending.set(checksum, id)
          for (const checksum of remove) removals.add(checksum)
        })
      ),
      Effect.asVoid
    )
  }).pipe(Effect.uninterruptible)

  return {
    /** Records a finished upload and saves it now unless another save is running (that one's successor will). */
    record: (checksum: string, storageId: string) =>
      Effect.sync(() => pending.set(checksum, storageId)).pipe(Effect.andThen(lock.withPermitsIfAvailable(1)(saveUnlocked)), Effect.asVoid),
    forget: (checksum: string) => Effect.sync(() => void removals.add(checksum)),
    flush: lock.withPermits(1)(saveUnlocked)
  }
})
