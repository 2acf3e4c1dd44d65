import { Clock, Effect } from "effect"
import { ContentTooLarge } from "../errors.js"
import { ContentStore } from "../services/ContentStore.js"
import { observeRetries, withCorrelationId } from "../services/HttpContext.js"
import { Progress } from "../services/Progress.js"
import { logInfo, logWarn } from "../services/RunLog.js"
import { makeCacheWriter } from "./cacheWriter.js"
import { readUploadCache } from "./uploadCache.js"
import { claimUploads } from "./uploadClaim.js"
import { forEachPooled } from "./workerPool.js"

/** What to upload: the extracted text, keyed by the SHA-256 of the source file (R7). */
export interface EssayToUpload {
  readonly checksum: string
  readonly text: string
  /** The essay's file, named when the Content Service refuses it. */
  readonly path?: string
}

export interface UploadOptions {
  readonly cachePath: string
  /** Uploads (and existence checks) in flight at once. */
  readonly concurrency: number
  /** Upload everything again; other entries of the cache file are kept. */
  readonly forceReupload: boolean
  /** Ask the Content Service whether cached ids still exist; re-upload the missing ones. */
  readonly verifyContent: boolean
  /** Sent as X-Correlation-ID. */
  readonly correlationId?: string
}

export interface UploadSummary {
  /** Checksum → storage id, for every essay given. */
  readonly storageIds: ReadonlyMap<string, string>
  readonly unique: number
  readonly uploaded: number
  readonly reused: number
  /** Cached ids the Content Service no longer had (re-uploaded). */
  readonly missingRemotely: number
  readonly retries: number
  readonly cacheIgnoredReason: string | null
}

const NOTE_INTERVAL_MILLIS = 500

const dedupe = (essays: ReadonlyArray<EssayToUpload>): ReadonlyArray<EssayToUpload> => {
  const seen = new Map<string, EssayToUpload>()
  for (const essay of essays) if (!seen.has(essay.checksum)) seen.set(essay.checksum, essay)
  return [...seen.values()]
}

const uploadClaimed = Effect.fnUntraced(function* (essays: ReadonlyArray<EssayToUpload>, options: UploadOptions) {
  const store = yield* ContentStore
  const progress = yield* Progress
  const unique = dedupe(essays)
  const cache = yield* Effect.promise(() => readUploadCache(options.cachePath, store.endpoint))
  if (cache.ignoredReason !== null) {
    yield* progress.note(`upload cache ignored (${cache.ignoredReason})`)
    yield* logWarn("upload_cache_ignored", { path: options.cachePath, reason: cache.ignoredReason })
  }
  const writer = yield* makeCacheWriter(options.cachePath, store.endpoint)
  const storageIds = new Map<string, string>()
  let retries = 0
  const countRetry = observeRetries(() => Effect.sync(() => void (retries += 1)))
  const withContext = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    options.correlationId === undefined ? countRetry(effect) : countRetry(withCorrelationId(options.correlationId)(effect))

  let cached = options.forceReupload ? [] : unique.filter((e) => cache.entries.has(e.checksum))
  let missingRemotely = 0
  if (options.verifyContent && cached.length > 0) {
    const missing: EssayToUpload[] = []
    yield* progress.step(
      `Check that ${cached.length} cached storage ids still exist in the Content Service`,
      withContext(
        forEachPooled(cached, options.concurrency, (essay) =>
          Effect.map(store.exists(cache.entries.get(essay.checksum) ?? ""), (exists) => {
            if (!exists) missing.push(essay)
          })
        )
      )
    )
    missingRemotely = missing.length
    for (const essay of missing) yield* writer.forget(essay.checksum)
    if (missing.length > 0) yield* progress.note(`${missing.length} cached storage ids are gone from the Content Service; uploading those essays again`)
    cached = cached.filter((essay) => !missing.includes(essay))
  }
  for (const essay of cached) storageIds.set(essay.checksum, cache.entries.get(essay.checksum) ?? "")
  const pending = unique.filter((e) => !storageIds.has(e.checksum))

  let uploaded = 0
  if (pending.length > 0) {
    const startedAt = yield* Clock.currentTimeMillis
    let lastNoteAt = 0
    const report = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      if (uploaded < pending.length && now - lastNoteAt < NOTE_INTERVAL_MILLIS) return
      lastNoteAt = now
      const rate = uploaded / Math.max((now - startedAt) / 1000, 0.001)
      yield* progress.note(`${uploaded}/${pending.length} uploaded · ${cached.length} reused from cache · ${retries} retries · ${rate.toFixed(1)} essays/s`)
    })
    const named = (essay: EssayToUpload) => (error: ContentTooLarge) =>
      new ContentTooLarge({ ...error, essay: essay.path ?? null, message: `Essay ${essay.path ?? `with checksum ${essay.checksum}`} was not stored. ${error.message}` })
    // Once an id has come back it is recorded even if Ctrl-C arrives at that very moment.
    const uploadOne = (essay: EssayToUpload) =>
      Effect.uninterruptibleMask((restore) =>
        restore(Effect.catchTag(store.upload(essay.text), "ContentTooLarge", (error) => Effect.fail(named(essay)(error)))).pipe(
          Effect.tap((storageId) =>
            Effect.gen(function* () {
              storageIds.set(essay.checksum, storageId)
              uploaded += 1
              yield* writer.record(essay.checksum, storageId)
              yield* report
            })
          )
        )
      )
    yield* progress.step(
      `Upload ${pending.length} essays to the Content Service (${store.endpoint})`,
      withContext(forEachPooled(pending, options.concurrency, uploadOne)).pipe(
        Effect.ensuring(Effect.orElseSucceed(writer.flush, () => undefined))
      )
    )
  }
  yield* writer.flush
  yield* logInfo("essays_uploaded", { unique: unique.length, uploaded, reused: cached.length, missing_remotely: missingRemotely, retries, cache: options.cachePath })
  const byChecksum = new Map(essays.map((e) => [e.checksum, storageIds.get(e.checksum) ?? ""]))
  const summary: UploadSummary = {
    storageIds: byChecksum,
    unique: unique.length,
    uploaded,
    reused: cached.length,
    missingRemotely,
    retries,
    cacheIgnoredReason: cache.ignoredReason
  }
  return summary
})

/**
 * Gets a storage id for every essay: reuses the upload cache (R7), optionally proves cached
 * ids still exist, uploads the rest with bounded concurrency and saves each finished upload
 * to the cache as it goes, so a failure or Ctrl-C keeps every id already obtained. Runs that
 * share the cache take turns, so a second run reuses the first one's uploads.
 */
export const uploadEssays = (essays: ReadonlyArray<EssayToUpload>, options: UploadOptions) =>
  Effect.scoped(
    Effect.gen(function* () {
      const progress = yield* Progress
      yield* claimUploads(options.cachePath, (holder) => progress.note(`waiting for ${holder}, which is uploading to the same upload cache`))
      return yield* uploadClaimed(essays, options)
    })
  )
