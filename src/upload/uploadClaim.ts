import { mkdir } from "node:fs/promises"
import { dirname } from "node:path"
import { Effect } from "effect"
import { OutputNotWritable } from "../errors.js"
import { tryLock } from "../runFolder/lock.js"
import { logWarn } from "../services/RunLog.js"
import { holderName } from "./fileLock.js"

// The claim is held for a whole upload step, which can take many minutes: it is stale only when
// its process is gone (or after this long, should a process id have been reused).
const CLAIM_STALE_MILLIS = 6 * 60 * 60 * 1000
const POLL_MILLIS = 250

/**
 * Claims the upload cache at `cachePath` for one run's upload step, from reading the cache to
 * its last save. A second run sharing the cache waits here (told once through `onWait`), then
 * reads the ids the first run saved instead of uploading the same essays again.
 */
export const claimUploads = (cachePath: string, onWait: (holder: string) => Effect.Effect<void>) => {
  const claimPath = `${cachePath}.uploading`
  const attempt = Effect.tryPromise({
    try: () => mkdir(dirname(claimPath), { recursive: true }).then(() => tryLock(claimPath, { staleAfterMs: CLAIM_STALE_MILLIS })),
    catch: (error) =>
      new OutputNotWritable({
        path: claimPath,
        message: `Could not claim the upload cache ${cachePath} (${error instanceof Error ? error.message : String(error)}).`,
        fix: "Pass --output-dir DIR naming a directory you can write to."
      })
  })
  const acquire = Effect.gen(function* () {
    let told = false
    for (;;) {
      const result = yield* attempt
      if (result.taken) return result.release
      if (!told) yield* onWait(holderName(result.holder))
      told = true
      yield* Effect.sleep(POLL_MILLIS)
    }
  })
  return Effect.acquireRelease(acquire, (release) =>
    Effect.tryPromise(release).pipe(Effect.catch((error) => logWarn("upload_claim_not_released", { path: claimPath, reason: error.message })))
  )
}
