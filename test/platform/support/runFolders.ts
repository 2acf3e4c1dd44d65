import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { Artefact } from "./cjDatabase.js"

/** The one run folder under `<cwd>/eng5-runs` whose name ends in the batch uuid, or every one. */
export const runFolders = (cwd: string): string[] => {
  const root = join(cwd, "eng5-runs")
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(root, e.name))
}

export const runFolderOf = (cwd: string, batchUuid: string): string => {
  const folder = runFolders(cwd).find((f) => f.endsWith(batchUuid))
  if (folder === undefined) throw new Error(`no run folder for ${batchUuid} in ${cwd}/eng5-runs`)
  return folder
}

export interface PublishedRequest {
  readonly data: {
    readonly entity_id: string
    readonly essays_for_cj: ReadonlyArray<{ readonly essay_id: string; readonly text_storage_id: string }>
    readonly llm_config_overrides: { readonly system_prompt_override: string | null } | null
    readonly [key: string]: unknown
  }
}

export const readRequest = (runFolder: string): PublishedRequest => JSON.parse(readFileSync(join(runFolder, "request.json"), "utf8")) as PublishedRequest

/**
 * How an id in the artefact maps to the id CJ holds. Students are sent under an id unique to the
 * batch (the artefact keeps the id derived from the file and records the one sent beside it);
 * anchors are CJ's own ids.
 */
export const cjIdsOf = (artefact: Artefact): ((artefactId: string) => string) => {
  const students = (artefact["inputs"] as { students: ReadonlyArray<{ essay_id: string; cj_essay_id?: string }> }).students
  const sent = new Map(students.map((s) => [s.essay_id, s.cj_essay_id ?? s.essay_id]))
  return (id) => sent.get(id) ?? id
}
