import { open, readFile, rm, stat } from "node:fs/promises"

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

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return typeof error === "object" && error !== null && "code" in error && error.code === "EPERM"
  }
}

const isStale = async (lockPath: string, staleMillis: number): Promise<{ stale: boolean; holder: string }> => {
  try {
    const [content, info] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath)])
    const pid = Number(content.split(" ")[0])
    const holder = Number.isInteger(pid) && pid > 0 ? `process ${pid}` : "an unknown process"
    const tooOld = Date.now() - info.mtimeMs > staleMillis
    return { stale: tooOld || (Number.isInteger(pid) && pid > 0 && !processAlive(pid)), holder }
  } catch {
    // Released between our attempt and this look: not stale, just try again.
    return { stale: false, holder: "another process" }
  }
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

export type LockAttempt = { readonly taken: true } | { readonly taken: false; readonly holder: string }

/** One try at `<lockPath>` (created exclusively); a stale lock is removed and tried again. */
export const tryLock = async (lockPath: string, staleMillis: number): Promise<LockAttempt> => {
  for (;;) {
    try {
      const handle = await open(lockPath, "wx")
      try {
        await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`)
      } finally {
        await handle.close()
      }
      return { taken: true }
    } catch (error) {
      if (!(typeof error === "object" && error !== null && "code" in error && error.code === "EEXIST")) throw error
      const { stale, holder } = await isStale(lockPath, staleMillis)
      if (!stale) return { taken: false, holder }
      await rm(lockPath, { force: true })
    }
  }
}

export const releaseLock = (lockPath: string): Promise<void> => rm(lockPath, { force: true })

/**
 * Runs `work` while holding `<lockPath>`, so two eng5 processes never interleave a
 * read-merge-write of the same file. Locks of crashed processes are taken over.
 */
export const withFileLock = async <A>(lockPath: string, work: () => Promise<A>, options: FileLockOptions = DEFAULT_LOCK): Promise<A> => {
  const deadline = Date.now() + options.timeoutMillis
  for (;;) {
    const attempt = await tryLock(lockPath, options.staleMillis)
    if (attempt.taken) break
    if (Date.now() > deadline) throw new LockTimeout(lockPath, attempt.holder)
    await sleep(10 + Math.random() * 40)
  }
  try {
    return await work()
  } finally {
    await releaseLock(lockPath)
  }
}
