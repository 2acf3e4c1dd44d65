import { link, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Effect } from "effect"
import { RunFolderBusy } from "../errors.js"
import { writeFailed } from "./runFolder.js"

/** The file that says which process owns a run folder (its PID). */
export const LOCK_FILE = ".eng5.lock"

const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined

/** EPERM means the process exists but belongs to someone else: still alive. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return codeOf(error) === "EPERM"
  }
}

/** Created exclusively with its content already written (a hard link), so no one reads it empty. */
const createExclusive = async (path: string): Promise<boolean> => {
  const draft = `${path}.${process.pid}`
  await writeFile(draft, `${process.pid}\n`)
  try {
    await link(draft, path)
    return true
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false
    throw error
  } finally {
    await rm(draft, { force: true })
  }
}

const ownerOf = async (path: string): Promise<number | null> => {
  const text = await readFile(path, "utf8").catch(() => "")
  const pid = Number.parseInt(text.trim(), 10)
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null
}

/**
 * Takes the run folder's lock, or returns the PID that holds it. A lock left by a process that
 * is gone (killed, crashed) is taken over.
 */
const tryLock = async (path: string): Promise<number | null> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await createExclusive(path)) return null
    const owner = await ownerOf(path)
    if (owner !== null && owner !== process.pid && isAlive(owner)) return owner
    await rm(path, { force: true })
  }
  return (await ownerOf(path)) ?? -1
}

/**
 * Runs `use` while this process owns `folder`: one eng5 process at a time follows or writes a
 * run folder (execute and attach alike). A second one fails with RunFolderBusy, naming the
 * owner. The lock is released however `use` ends: success, failure or Ctrl-C.
 */
export const withRunFolderLock = <A, E, R>(folder: string, use: Effect.Effect<A, E, R>) => {
  const path = join(folder, LOCK_FILE)
  const acquire = Effect.tryPromise({ try: () => tryLock(path), catch: writeFailed(path) }).pipe(
    Effect.flatMap((owner) =>
      owner === null
        ? Effect.void
        : Effect.fail(
            new RunFolderBusy({
              path: folder,
              pid: owner,
              message: `Run folder ${folder} is in use by another eng5 process (PID ${owner}).`,
              fix: `Wait for process ${owner} to end, or stop it (kill ${owner}), then try again. Only one eng5 process at a time can follow a run.`
            })
          )
    )
  )
  const release = Effect.promise(async () => {
    if ((await ownerOf(path)) === process.pid) await rm(path, { force: true })
  })
  return Effect.acquireUseRelease(acquire, () => use, () => release)
}
