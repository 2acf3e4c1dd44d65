import { join } from "node:path"
import { Effect } from "effect"
import { RunFolderBusy } from "../errors.js"
import { logWarn } from "../services/RunLog.js"
import { tryLock } from "./lock.js"
import { writeFailed } from "./runFolder.js"

/** The lock that says which process owns a run folder (a directory naming its PID). */
export const LOCK_FILE = ".eng5.lock"

/**
 * Runs `use` while this process owns `folder`: one eng5 process at a time follows or writes a
 * run folder (execute and attach alike). A second one fails with RunFolderBusy, naming the
 * owner. A lock left by a process that is gone is taken over. The lock is released however
 * `use` ends: success, failure or Ctrl-C.
 */
export const withRunFolderLock = <A, E, R>(folder: string, use: Effect.Effect<A, E, R>) => {
  const path = join(folder, LOCK_FILE)
  const acquire = Effect.tryPromise({ try: () => tryLock(path), catch: writeFailed(path) }).pipe(
    Effect.flatMap((attempt) =>
      attempt.taken
        ? Effect.succeed(attempt.release)
        : Effect.fail(
            new RunFolderBusy({
              path: folder,
              pid: attempt.holder ?? -1,
              message: `Run folder ${folder} is in use by another eng5 process${attempt.holder === null ? "" : ` (PID ${attempt.holder})`}.`,
              fix:
                attempt.holder === null
                  ? "Wait for the other eng5 process to end, then try again. Only one eng5 process at a time can follow a run."
                  : `Wait for process ${attempt.holder} to end, or stop it (kill ${attempt.holder}), then try again. Only one eng5 process at a time can follow a run.`
            })
          )
    )
  )
  const release = (free: () => Promise<void>) =>
    Effect.tryPromise(free).pipe(Effect.catch((error) => logWarn("run_folder_lock_not_released", { path, reason: error.message })))
  return Effect.acquireUseRelease(acquire, () => use, release)
}
