import { constants, type Stats } from "node:fs"
import { lstat, open, readlink, realpath, stat } from "node:fs/promises"
import { isAbsolute, relative, resolve } from "node:path"
import { errorCode } from "../errorCode.js"
import { describeBytes } from "./limits.js"

export interface Problem {
  readonly path: string
  readonly problem: string
}

export type SafeRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly problem: string }

/** `path` is `root` or below it (both real paths). */
export const isInside = (path: string, root: string): boolean => {
  const rel = relative(root, path)
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))
}

const kindOf = (info: Stats): string =>
  info.isDirectory() ? "a folder"
  : info.isFIFO() ? "a named pipe (FIFO)"
  : info.isSocket() ? "a socket"
  : info.isCharacterDevice() || info.isBlockDevice() ? "a device"
  : "not a regular file"

const NOT_REGULAR_FIX = "remove it from the folder; eng5 reads only regular files"
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK

/** The bytes of an open regular file, never more than its size when checked. */
const readBounded = async (path: string, maxBytes: number, via: string): Promise<SafeRead> => {
  // O_NOFOLLOW and the fstat on the open handle close the gap between the checks and the read.
  const handle = await open(path, OPEN_FLAGS)
  try {
    const info = await handle.stat()
    if (!info.isFile()) return { ok: false, problem: `is ${kindOf(info)}${via}; ${NOT_REGULAR_FIX}` }
    if (info.size > maxBytes) {
      return { ok: false, problem: `is ${describeBytes(info.size)}, more than the ${describeBytes(maxBytes)} an essay file may be; check the file, or raise --max-file-mb` }
    }
    const bytes = Buffer.allocUnsafe(info.size)
    let filled = 0
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { ok: true, bytes: bytes.subarray(0, filled) }
  } finally {
    await handle.close()
  }
}

/**
 * Reads a regular file, following a symbolic link only to a regular file inside `root` (the
 * dataset folder, as a real path; null when the user named the file itself). Devices, pipes,
 * sockets and links leading out of the dataset are refused with what they are and the fix.
 */
export const readRegularFile = async (path: string, root: string | null, maxBytes: number): Promise<SafeRead> => {
  try {
    const info = await lstat(path)
    if (!info.isSymbolicLink()) {
      return info.isFile() ? await readBounded(path, maxBytes, "") : { ok: false, problem: `is ${kindOf(info)}; ${NOT_REGULAR_FIX}` }
    }
    const target = resolve(path, "..", await readlink(path))
    const real = await realpath(path).catch(() => undefined)
    if (real === undefined) return { ok: false, problem: `is a link to ${target}, which does not exist; remove the link or put the file there` }
    if (root !== null && !isInside(real, root)) {
      return { ok: false, problem: `is a link to ${real}, outside the dataset folder ${root}; copy the file into the folder instead of linking to it` }
    }
    const targetInfo = await stat(real)
    const via = ` (a link to ${real})`
    return targetInfo.isFile() ? await readBounded(real, maxBytes, via) : { ok: false, problem: `is a link to ${kindOf(targetInfo)} ${real}; ${NOT_REGULAR_FIX}` }
  } catch (error) {
    return { ok: false, problem: `cannot be read (${errorCode(error)}); check its permissions` }
  }
}

/**
 * The real path of an essay folder and the root its files' links must stay in, refused when
 * the folder is a link out of the dataset folder: a folder named on the command line stands
 * for itself, one found inside the dataset must stay in it. `undefined` when it is not a folder.
 */
export const realFolder = async (dir: string, datasetDir: string | null): Promise<{ real: string; root: string } | { problem: string } | undefined> => {
  const real = await realpath(dir).catch(() => undefined)
  if (real === undefined || !(await stat(real)).isDirectory()) return undefined
  if (datasetDir === null || !isInside(resolve(dir), resolve(datasetDir))) return { real, root: real }
  const root = await realpath(datasetDir)
  if (isInside(real, root)) return { real, root }
  return { problem: `is a link to ${real}, outside the dataset folder ${root}; move the essays into the dataset folder, or name that folder with its flag (e.g. --student-dir ${real})` }
}
