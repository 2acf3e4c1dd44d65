import { access, constants, mkdir, stat } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { Effect } from "effect"
import { errorCode } from "../errorCode.js"
import { OutputNotWritable } from "../errors.js"

/** File names inside a run folder. */
export const RUN_FILES = {
  request: "request.json",
  artefact: "assessment_run.json",
  state: "run.json"
} as const

const notWritable = (path: string, error: unknown) =>
  new OutputNotWritable({
    path,
    message: `Output directory ${path} cannot be written (${errorCode(error)}).`,
    fix: "Pass --output-dir DIR (or set ENG5_OUTPUT_DIR) naming a directory you can write to."
  })

/** A failed write of a run file, naming the file and what to do. */
export const writeFailed = (path: string) => (error: unknown) =>
  new OutputNotWritable({
    path,
    message: `Could not write ${path} (${error instanceof Error ? error.message : String(error)}).`,
    fix: "Free disk space or pass --output-dir DIR naming a directory you can write to."
  })

/**
 * Proves the output directory could be written, before any work starts and without
 * creating anything: the directory itself, or its nearest existing ancestor, must be a
 * writable directory.
 */
export const checkWritableDir = (dir: string) =>
  Effect.tryPromise({
    try: async () => {
      const path = resolve(dir)
      let probe = path
      for (;;) {
        const found = await stat(probe).catch(() => undefined)
        if (found !== undefined) {
          if (!found.isDirectory()) throw Object.assign(new Error(`${probe} is not a directory`), { code: "ENOTDIR" })
          await access(probe, constants.W_OK)
          return path
        }
        if (dirname(probe) === probe) throw Object.assign(new Error("no existing ancestor"), { code: "ENOENT" })
        probe = dirname(probe)
      }
    },
    catch: (error) => notWritable(resolve(dir), error)
  })

/** Folder-safe form of a batch label: letters, digits, `.`, `_` and `-` only. */
export const folderLabel = (label: string): string => label.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "batch"

export const runFolderPath = (outputDir: string, label: string, batchUuid: string): string =>
  join(resolve(outputDir), `${folderLabel(label)}-${batchUuid}`)

export const createRunFolder = (outputDir: string, label: string, batchUuid: string) => {
  const folder = runFolderPath(outputDir, label, batchUuid)
  return Effect.tryPromise({
    try: () => mkdir(folder, { recursive: true }).then(() => folder),
    catch: (error) => notWritable(folder, error)
  })
}
