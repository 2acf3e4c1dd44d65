import { tryLock } from "../runFolder/lock.js"

export interface FileLockOptions {
  /** Give up waiting for another holder after this long. */
  readonly timeoutMillis: number
  /** A lock older than this, or held by a process that no longer exists, is taken over. */
  readonly staleMillis: number
}

export class LockTimeout extends Error {
  constructor(readonly lockPath: string, readonly holder: string) {
    super(`${lockPath} is held by ${holder}`)
  }
}

const DEFAULT_LOCK: FileLockOptions = { timeoutMillis: 15_000, staleMillis: 30_000 }

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

export const holderName = (pid: number | null): string => (pid === null ? "another process" : `process ${pid}`)

/**
 * Runs `work` while holding the lock at `lockPath`, so two eng5 processes never interleave a
 * read-merge-write of the same file. Waits up to `timeoutMillis` for another holder.
 */
export const withFileLock = async <A>(lockPath: string, work: () => Promise<A>, options: FileLockOptions = DEFAULT_LOCK): Promise<A> => {
  const deadline = Date.now() + options.timeoutMillis
  for (;;) {
    const attempt = await tryLock(lockPath, { staleAfterMs: options.staleMillis })
    if (attempt.taken) {
      try {
        return await work()
      } finally {
        await attempt.release()
      }
    }
    if (Date.now() > deadline) throw new LockTimeout(lockPath, holderName(attempt.holder))
    await sleep(10 + Math.random() * 40)
  }
}
