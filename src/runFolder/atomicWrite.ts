import { randomBytes } from "node:crypto"
import { open, rename, rm } from "node:fs/promises"

/**
 * Writes through a temp file in the same folder, flushed to disk, then renamed over the
 * target: a reader or an interrupted run sees the old file or the new one, never half.
 */
export const writeFileAtomic = async (path: string, content: string): Promise<void> => {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`
  try {
    const handle = await open(temp, "w")
    try {
      await handle.writeFile(content, "utf8")
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export const writeJsonAtomic = (path: string, value: unknown): Promise<void> =>
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
