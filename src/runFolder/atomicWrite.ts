import { randomBytes } from "node:crypto"
import { copyFile, type FileHandle, open, rename, rm } from "node:fs/promises"

export interface ReplaceOptions {
  readonly sync: boolean
  /** The new file starts with the first `bytes` bytes of this file (copied by the kernel); `write` appends to them. */
  readonly startingWith?: { readonly path: string; readonly bytes: number }
}

/**
 * Writes a file through a temp file in the same folder, renamed over the target: a reader or
 * an interrupted run sees the old file or the new one, never half. With `sync`, the content is
 * on disk before the rename.
 */
export const replaceFile = async (path: string, write: (handle: FileHandle) => Promise<void>, options: ReplaceOptions): Promise<void> => {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`
  const start = options.startingWith
  try {
    if (start !== undefined) await copyFile(start.path, temp)
    // Appending: `write` goes after the copied start, whatever position it writes at.
    const handle = await open(temp, start === undefined ? "w" : "a")
    try {
      if (start !== undefined) await handle.truncate(start.bytes)
      await write(handle)
      if (options.sync) await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** `replaceFile` of a text, flushed to disk before it replaces the old one. */
export const writeFileAtomic = (path: string, content: string): Promise<void> =>
  replaceFile(path, (handle) => handle.writeFile(content, "utf8"), { sync: true })

export const writeJsonAtomic = (path: string, value: unknown): Promise<void> =>
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
