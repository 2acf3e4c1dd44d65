import { createHash } from "node:crypto"
import { readdir, readFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Effect } from "effect"
import { extractText, isEssayFileName } from "../inventory/extractText.js"

export interface EssayFile {
  readonly path: string
  readonly fileName: string
  readonly bytes: number
  /** SHA-256 of the raw file bytes: the upload cache key, as in the run inventory. */
  readonly checksum: string
  readonly text: string
}

export interface FolderProblem {
  readonly path: string
  readonly problem: string
}

export interface EssayFolder {
  readonly dir: string
  readonly files: ReadonlyArray<EssayFile>
  readonly problems: ReadonlyArray<FolderProblem>
}

const READ_CONCURRENCY = 16

/**
 * Every essay file of one folder (not recursive, sorted by name), read and extracted the
 * same way the run inventory does, with each unusable file reported rather than thrown.
 */
export const readEssayFolder = (folder: string) =>
  Effect.gen(function* () {
    const dir = resolve(folder)
    const names = yield* Effect.promise(() =>
      readdir(dir, { withFileTypes: true }).then(
        (entries) => entries.filter((e) => e.isFile() && isEssayFileName(e.name)).map((e) => e.name).sort(),
        () => undefined
      )
    )
    if (names === undefined) {
      const result: EssayFolder = { dir, files: [], problems: [{ path: dir, problem: "is not a readable directory" }] }
      return result
    }
    const results = yield* Effect.forEach(
      names,
      (fileName) =>
        Effect.promise(async (): Promise<EssayFile | FolderProblem> => {
          const path = join(dir, fileName)
          try {
            const raw = await readFile(path)
            const extraction = await extractText(fileName, raw)
            if (!extraction.ok) return { path, problem: extraction.problem }
            return { path, fileName, bytes: raw.byteLength, checksum: createHash("sha256").update(raw).digest("hex"), text: extraction.text }
          } catch (error) {
            return { path, problem: `cannot be read (${error instanceof Error ? error.message : String(error)})` }
          }
        }),
      { concurrency: READ_CONCURRENCY }
    )
    const result: EssayFolder = {
      dir,
      files: results.filter((r): r is EssayFile => "checksum" in r),
      problems: results.filter((r): r is FolderProblem => "problem" in r)
    }
    return result
  })
