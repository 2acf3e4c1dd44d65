import { randomBytes } from "node:crypto"
import { open, rename, rm } from "node:fs/promises"

/**
 * Writes a file through a temp file in the same folder, renamed over the target: a reader or
 * an interrupted run sees the old file or the new one, never half. Unless `sync` is false, the
 * content is on disk before it replaces the old one.
 */
export const writeFileAtomic = async (path: string, content: string | Uint8Array, options: { readonly sync: boolean } = { sync: true }): Promise<void> => {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`
  try {
    const handle = await open(temp, "w")
    try {
      await handle.writeFile(content)
      if (options.sync) await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
}

/** JSON as eng5 writes it to disk: indented, with a final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

export const writeJsonAtomic = (path: string, value: unknown): Promise<void> => writeFileAtomic(path, jsonText(value))
