import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { Effect, Exit, Schema } from "effect"
import { type AssessmentRunArtefact, AssessmentRunArtefact as ArtefactSchema } from "../domain/artefact.js"
import { RunFolderUnusable } from "../errors.js"
import { RUN_FILES } from "../runFolder/runFolder.js"
import { locateRunFolder } from "../runFolder/runState.js"

const decodeArtefact = Schema.decodeUnknownExit(ArtefactSchema)

export interface StoredRun {
  readonly folder: string
  readonly artefact: AssessmentRunArtefact
}

/** A run folder (or a batch uuid in `outputDir`) and its artefact, checked against the schema. */
export const readRun = (target: string, outputDir: string) =>
  Effect.gen(function* () {
    const folder = yield* locateRunFolder(target, outputDir)
    const path = join(folder, RUN_FILES.artefact)
    const json = yield* Effect.tryPromise({
      try: async () => JSON.parse(await readFile(path, "utf8")) as unknown,
      catch: (error) =>
        new RunFolderUnusable({ path, message: `Cannot read ${path} (${error instanceof Error ? error.message : String(error)}).`, fix: "Pass a run folder eng5 wrote; it holds assessment_run.json." })
    })
    const decoded = decodeArtefact(json)
    if (Exit.isFailure(decoded)) {
      return yield* new RunFolderUnusable({ path, message: `${path} is not an eng5 assessment run artefact: ${String(decoded.cause).slice(0, 300)}`, fix: "Pass a run folder eng5 wrote." })
    }
    const run: StoredRun = { folder, artefact: decoded.value }
    return run
  })
