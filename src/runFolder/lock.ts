import { randomBytes } from "node:crypto"
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from "node:fs/promises"
import { errorCode } from "../errorCode.js"

/**
 * The one lock eng5 takes on shared files (a run folder, the upload cache): a directory at
 * `path` whose only entry names its owner, `<pid>-<taken at, ms>-<random token>`.
 *
 * Taking it renames a prepared directory onto `path`; that succeeds only while `path` is absent
 * or empty, so of several processes exactly one wins. A stale lock (its process gone, or older
 * than `staleAfterMs`) is taken over in two steps that each act on that very lock only: its
 * owner entry is unlinked by its unique name, which one process alone can do, and the emptied
 * directory is then removed or renamed over. A process that judged the lock stale too late
 * finds the name gone and looks again, so it never removes a lock taken after its look.
 *
 * Older eng5 versions locked with a file holding their PID. Such a file, left by one that
 * crashed, is judged as a lock directory is (its PID, its age from its mtime) and, when stale,
 * unlinked: unlink never removes a directory, so a process that looks too late cannot remove the
 * lock that replaced the file.
 *
 * Why not proper-lockfile or npm's lockfile: both take over a stale lock by stat, remove and
 * create, so two processes that see the same stale lock can both win (an open issue of
 * proper-lockfile), the race this lock exists to close. test/unit/lock.test.ts races processes
 * for a stale lock.
 */

export interface LockOptions {
  /** A lock older than this is stale even if its process still runs (a reused PID); none by default. */
  readonly staleAfterMs?: number
}

export type LockAttempt =
  | { readonly taken: true; readonly release: () => Promise<void> }
  /** `holder`: the owner's PID, null while it cannot be told (the lock is changing hands). */
  | { readonly taken: false; readonly holder: number | null }

interface Owner {
  /** Its entry in the lock directory; null for a lock file an older eng5 left. */
  readonly entry: string | null
  readonly pid: number
  readonly takenAt: number
}

const ignoring = (...codes: ReadonlyArray<string>) => (error: unknown) => {
  if (!codes.includes(errorCode(error))) throw error
}

/** EPERM means the process exists but belongs to someone else: still alive. No process has a PID below 1. */
const isAlive = (pid: number): boolean => {
  if (pid < 1) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === "EPERM"
  }
}

const ownerOf = (entries: ReadonlyArray<string>): Owner | null => {
  const match = entries.length === 1 ? /^(\d+)-(\d+)-[0-9a-f]+$/.exec(entries[0] ?? "") : null
  return match === null ? null : { entry: entries[0] ?? "", pid: Number(match[1]), takenAt: Number(match[2]) }
}

/** An older eng5's lock file: `<pid>` or `<pid> <taken at>` (a PID of 0 when it names none: a dead process). */
const readOwnerFile = async (path: string): Promise<Owner> => {
  const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)])
  const pid = Number.parseInt(text, 10)
  return { entry: null, pid: Number.isSafeInteger(pid) && pid > 0 ? pid : 0, takenAt: info.mtimeMs }
}

/** The owner of the lock at `path`; null when it has none (being taken over or released), undefined when there is no lock. */
const readOwner = async (path: string): Promise<Owner | null | undefined> => {
  try {
    return ownerOf(await readdir(path))
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined
    if (errorCode(error) !== "ENOTDIR") throw error
  }
  try {
    return await readOwnerFile(path)
  } catch (error) {
    // Gone, or replaced by a lock directory, since the look: changing hands.
    if (errorCode(error) === "ENOENT" || errorCode(error) === "EISDIR") return null
    throw error
  }
}

/** Removes the lock of `owner` if it is still there: its entry by name, then the emptied directory (or an older eng5's file). */
const takeOver = async (path: string, owner: Owner): Promise<void> => {
  if (owner.entry === null) return unlink(path).catch(ignoring("ENOENT", "EISDIR"))
  await unlink(`${path}/${owner.entry}`).catch(ignoring("ENOENT"))
  await rmdir(path).catch(ignoring("ENOENT", "ENOTEMPTY", "EEXIST"))
}

/** One try at the lock, taking over a stale one. */
export const tryLock = async (path: string, options: LockOptions = {}): Promise<LockAttempt> => {
  const token = randomBytes(8).toString("hex")
  const entry = `${process.pid}-${Date.now()}-${token}`
  const draft = `${path}.${token}.draft`
  await mkdir(draft)
  try {
    await writeFile(`${draft}/${entry}`, "")
    for (let look = 0; look < 20; look += 1) {
      const won = await rename(draft, path).then(
        () => true,
        (error: unknown) => {
          // ENOTDIR: an older eng5's lock file is in the way.
          if (["ENOTEMPTY", "EEXIST", "ENOTDIR"].includes(errorCode(error))) return false
          throw error
        }
      )
      if (won) return { taken: true, release: () => takeOver(path, { entry, pid: process.pid, takenAt: 0 }) }
      const owner = await readOwner(path)
      // Gone or emptied since the rename: it is changing hands, look again.
      if (owner === undefined || owner === null) continue
      const tooOld = options.staleAfterMs !== undefined && Date.now() - owner.takenAt > options.staleAfterMs
      if (isAlive(owner.pid) && !tooOld) return { taken: false, holder: owner.pid }
      await takeOver(path, owner)
    }
    return { taken: false, holder: (await readOwner(path))?.pid ?? null }
  } finally {
    await rm(draft, { recursive: true, force: true })
  }
}
