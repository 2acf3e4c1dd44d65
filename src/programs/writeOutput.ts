import { mkdir } from "node:fs/promises"
import { dirname } from "node:path"
import { Effect } from "effect"
import { OutputNotWritable } from "../errors.js"
import { writeFileAtomic } from "../runFolder/atomicWrite.js"

/** Writes a report file atomically, making its folder first; what the disk refuses is OutputNotWritable with `fix`. */
export const writeOutputFile = (path: string, content: string, fix: string) =>
  Effect.tryPromise({
    try: async () => {
      await mkdir(dirname(path), { recursive: true })
      await writeFileAtomic(path, content)
    },
    catch: (error) => new OutputNotWritable({ path, message: `Could not write ${path} (${error instanceof Error ? error.message : String(error)}).`, fix })
  })
