import { cp, mkdir, readdir, rename, rm, stat } from "node:fs/promises"
import { basename, dirname, join, resolve } from "node:path"
import { Effect } from "effect"
import { OutputNotWritable } from "../errors.js"

/** What `eng5 example` wrote, and the command that rehearses it. */
export interface ExampleWritten {
  readonly folder: string
  readonly students: number
  readonly anchors: number
  readonly command: string
}

/** The bundled example dataset, shipped in the package beside dist/. */
export const bundledExample = (packageRoot: string): string => join(packageRoot, "examples", "eng5")

/** A word the shell passes through unchanged, else single-quoted. */
const shellWord = (word: string): string => (/^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)

const entriesOf = (folder: string) => readdir(folder).catch(() => undefined)

const notWritable = (folder: string, why: string, fix: string) => new OutputNotWritable({ path: folder, message: `Cannot write the example to ${folder}: ${why}.`, fix })

/**
 * `eng5 example [DIR]`: copies the bundled dataset into DIR (created; an existing empty folder is
 * used) through a temp folder renamed into place, so DIR is complete or absent. An existing file
 * or non-empty folder is never touched.
 */
export const writeExample = (source: string, target: string, bin: string) =>
  Effect.gen(function* () {
    const folder = resolve(target)
    const existing = yield* Effect.promise(() => stat(folder).catch(() => undefined))
    if (existing !== undefined) {
      const entries = existing.isDirectory() ? yield* Effect.promise(() => entriesOf(folder)) : undefined
      if (entries === undefined || entries.length > 0)
        return yield* notWritable(folder, existing.isDirectory() ? "the folder is not empty" : "a file has that name", `Nothing was changed. Name a folder that does not exist yet (\`${bin} example ${shellWord(`${target}-2`)}\`) or remove this one first.`)
    }
    const [students, anchors] = yield* Effect.promise(() => Promise.all([entriesOf(join(source, "student_essays")), entriesOf(join(source, "anchor_essays"))]))
    if (students === undefined || anchors === undefined)
      return yield* Effect.die(new Error(`the bundled example dataset is missing from ${source}; reinstall eng5`))
    const temp = join(dirname(folder), `.${basename(folder)}.${process.pid}.partial`)
    yield* Effect.tryPromise({
      try: async () => {
        await mkdir(dirname(folder), { recursive: true })
        try {
          await cp(source, temp, { recursive: true })
          await rename(temp, folder)
        } finally {
          await rm(temp, { recursive: true, force: true })
        }
      },
      catch: (error) => notWritable(folder, error instanceof Error ? error.message : String(error), "Choose a folder you can write to, or fix its permissions.")
    })
    const written: ExampleWritten = {
      folder,
      students: students.length,
      anchors: anchors.length,
      command: `${bin} run execute --sandbox --assets ${shellWord(target)} --await-completion`
    }
    return written
  })
