import { createHash } from "node:crypto"
import { readdir } from "node:fs/promises"
import { basename, join, resolve } from "node:path"
import { Effect } from "effect"
import type { EssayFile } from "../domain/inventory.js"
import { errorCode } from "../errorCode.js"
import { InvalidAssets } from "../errors.js"
import { extractText, isEssayFileName } from "./extractText.js"
import { DEFAULT_ESSAY_LIMITS, type EssayLimits } from "./limits.js"
import { type Problem, readRegularFile, realFolder } from "./safeRead.js"

export interface EssayFolder {
  readonly dir: string
  /** False when the folder does not exist (or is not a folder); nothing else is then reported. */
  readonly exists: boolean
  readonly files: ReadonlyArray<EssayFile>
  readonly problems: ReadonlyArray<Problem>
  /** Names that are not essays (dot and Word lock files are not listed). */
  readonly ignored: ReadonlyArray<string>
}

export interface EssayFolderOptions {
  /** The dataset folder the essay folder belongs to; null when the folder was named on its own. */
  readonly datasetDir: string | null
  readonly limits: EssayLimits
}

// Reading overlaps file I/O with extraction; more in flight only holds more files in memory.
const READ_CONCURRENCY = 16

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

/** Reads and extracts one file; `root` bounds where a symbolic link may lead (null: anywhere). */
const readEssayFile = (path: string, root: string | null, limits: EssayLimits, asName = basename(path)): Promise<EssayFile | Problem> =>
  readRegularFile(path, root, limits.maxFileBytes).then(async (read) => {
    if (!read.ok) return { path, problem: read.problem }
    const extraction = await extractText(asName, read.bytes, limits)
    if (!extraction.ok) return { path, problem: extraction.problem }
    return { path, fileName: basename(path), bytes: read.bytes.byteLength, checksum: sha256(read.bytes), text: extraction.text }
  })

export const isProblem = (value: object): value is Problem => "problem" in value

/** A file or folder of the dataset the disk refused to read (permissions, a disk error). */
export const unreadable = (path: string) => (error: unknown) =>
  new InvalidAssets({
    message: `${path} cannot be read (${errorCode(error)}).`,
    fix: "Check the permissions of the dataset folder and its files (eng5 needs to read them), then run again.",
    problems: [{ path, problem: `cannot be read (${errorCode(error)}); check its permissions` }]
  })

/** `readEssayFile` as an effect: an unusable file is a problem in the result, a refused read a typed failure. */
export const readEssay = (path: string, root: string | null, limits: EssayLimits, asName = basename(path)) =>
  Effect.tryPromise({ try: () => readEssayFile(path, root, limits, asName), catch: unreadable(path) })

/**
 * Every essay file of one folder (not recursive, sorted by name), each unusable file reported
 * with its path rather than thrown. The one essay reader: the run inventory, `content upload`
 * and `anchors register` all read through here.
 */
export const readEssayFolder = (folder: string, options: EssayFolderOptions = { datasetDir: null, limits: DEFAULT_ESSAY_LIMITS }) =>
  Effect.gen(function* () {
    const dir = resolve(folder)
    const located = yield* Effect.tryPromise({ try: () => realFolder(dir, options.datasetDir), catch: unreadable(dir) })
    if (located === undefined || "problem" in located) {
      const result: EssayFolder = { dir, exists: located !== undefined, files: [], problems: located === undefined ? [] : [{ path: dir, problem: located.problem }], ignored: [] }
      return result
    }
    const entries = yield* Effect.tryPromise({ try: () => readdir(dir, { withFileTypes: true }), catch: unreadable(dir) })
    // Everything but subfolders is listed, so a link or a special file is reported, not skipped.
    const names = entries.filter((e) => !e.isDirectory()).map((e) => e.name).sort()
    const essays = names.filter(isEssayFileName)
    const results = yield* Effect.forEach(essays, (name) => readEssay(join(dir, name), located.root, options.limits), {
      concurrency: READ_CONCURRENCY
    })
    const result: EssayFolder = {
      dir,
      exists: true,
      files: results.filter((r): r is EssayFile => !isProblem(r)),
      problems: results.filter(isProblem),
      ignored: names.filter((f) => !isEssayFileName(f) && !f.startsWith(".") && !f.startsWith("~$"))
    }
    return result
  })
