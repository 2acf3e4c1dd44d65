import { randomBytes } from "node:crypto"
import { type FileHandle, open, rename, rm } from "node:fs/promises"

/**
 * Writes a file through a temp file in the same folder, renamed over the target: a reader or
 * an interrupted run sees the old file or the new one, never half. With `sync`, the content is
 * on disk before the rename.
 */
export const replaceFile = async (path: string, write: (handle: FileHandle) => Promise<void>, options: { readonly sync: boolean }): Promise<void> => {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`
  try {
    const handle = await open(temp, "w")
    try {
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

/** `replaceFile` of a text, on disk before it replaces the old one unless `sync` is false. */
export const writeFileAtomic = (path: string, content: string, options: { readonly sync: boolean } = { sync: true }): Promise<void> =>
  replaceFile(path, (handle) => handle.writeFile(content, "utf8"), options)

export const writeJsonAtomic = (path: string, value: unknown): Promise<void> =>
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
