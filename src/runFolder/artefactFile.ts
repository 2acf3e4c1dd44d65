import { createHash } from "node:crypto"
import { type FileHandle, readdir, readFile } from "node:fs/promises"
import { join, relative } from "node:path"
import type { AssessmentRunArtefact, ManifestEntry } from "../domain/artefact.js"
import { artefactFrame, comparisonsText, sealedArtefactText, withChecksum } from "../domain/buildArtefact.js"
import { replaceFile, writeFileAtomic } from "./atomicWrite.js"
import { RUN_FILES } from "./runFolder.js"

/** Comparison records serialised at a time: a large artefact never sits in memory as one text. */
const RECORDS_PER_WRITE = 1_000

/**
 * Writes the artefact sealed with `manifest` (`sealedArtefactText`) atomically, hashing it as
 * it is written: the checksum field comes after the comparison records, which are serialised
 * a thousand at a time.
 */
export const writeArtefact = (path: string, artefact: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>, options: { readonly sync: boolean }): Promise<void> => {
  const records = artefact.llm_comparisons
  if (records.length === 0) return writeFileAtomic(path, sealedArtefactText(artefact, manifest), options)
  const { head, tail } = artefactFrame(artefact, manifest)
  const hash = createHash("sha256")
  const put = (handle: FileHandle, text: string) => {
    const bytes = Buffer.from(text)
    hash.update(bytes)
    return handle.write(bytes)
  }
  return replaceFile(
    path,
    async (handle) => {
      await put(handle, head)
      for (let start = 0; start < records.length; start += RECORDS_PER_WRITE) {
        await put(handle, `${start === 0 ? "" : ",\n"}${comparisonsText(records.slice(start, start + RECORDS_PER_WRITE))}`)
      }
      await handle.write(withChecksum(tail, hash.update(tail).digest("hex")))
    },
    options
  )
}

const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))))
  return nested.flat()
}

/**
 * The manifest of this run's folder only (fixes B3): every file except the artefact, temp
 * files and logs, sorted by path. Files whose digest is already known (the event logs, hashed
 * as they are appended) are not read again.
 */
export const runFolderManifest = async (folder: string, known: ReadonlyArray<ManifestEntry>): Promise<ManifestEntry[]> => {
  const knownByPath = new Map(known.map((entry) => [entry.path, entry]))
  const paths = (await listFiles(folder))
    .map((path) => relative(folder, path))
    .filter((path) => path !== RUN_FILES.artefact && !path.endsWith(".tmp") && !path.startsWith("logs"))
    .sort()
  return Promise.all(
    paths.map(async (path) => {
      const entry = knownByPath.get(path)
      if (entry !== undefined) return entry
      const bytes = await readFile(join(folder, path))
      return { path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength }
    })
  )
}

const LIST_START = Buffer.from('\n  "llm_comparisons": [')
const LIST_END = Buffer.from("\n  ]")

/**
 * An artefact file parsed without its comparison records (`llm_comparisons` comes back empty):
 * attach needs the rest, and parsing 100,000 records would take hundreds of megabytes. Relies
 * on eng5's own layout (2-space JSON, where a line starting with two spaces and `]` can only
 * close a top-level list); a file laid out otherwise is parsed whole, records included.
 */
export const readArtefactWithoutComparisons = async (path: string): Promise<unknown> => {
  const bytes = await readFile(path)
  const start = bytes.indexOf(LIST_START)
  const listOpen = start + LIST_START.length
  if (start !== -1 && bytes[listOpen] === 0x5d) return JSON.parse(bytes.toString("utf8"))
  const end = start === -1 ? -1 : bytes.indexOf(LIST_END, listOpen)
  if (end === -1) return JSON.parse(bytes.toString("utf8"))
  const shell = `${bytes.toString("utf8", 0, listOpen)}]${bytes.toString("utf8", end + LIST_END.length)}`
  return JSON.parse(shell)
}
