import { createHash } from "node:crypto"
import { readdir, readFile } from "node:fs/promises"
import { join, relative } from "node:path"
import type { AssessmentRunArtefact, ManifestEntry } from "../domain/artefact.js"
import { sealedArtefactBytes } from "../domain/buildArtefact.js"
import { writeFileAtomic } from "./atomicWrite.js"
import { RUN_FILES } from "./runFolder.js"
import { LOCK_FILE } from "./runLock.js"

/** Writes the artefact sealed with `manifest` (`sealedArtefactBytes`) atomically. */
export const writeArtefact = (path: string, artefact: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>, options: { readonly sync: boolean }): Promise<void> =>
  writeFileAtomic(path, sealedArtefactBytes(artefact, manifest), options)

const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve(e.isFile() ? [join(dir, e.name)] : []))))
  return nested.flat()
}

/**
 * The manifest of this run's folder only (fixes B3): every file except the artefact, temp
 * files, logs and the lock, sorted by path. Files whose digest is already known (the event logs, hashed
 * as they are appended) are not read again.
 */
export const runFolderManifest = async (folder: string, known: ReadonlyArray<ManifestEntry>): Promise<ManifestEntry[]> => {
  const knownByPath = new Map(known.map((entry) => [entry.path, entry]))
  const paths = (await listFiles(folder))
    .map((path) => relative(folder, path))
    .filter((path) => path !== RUN_FILES.artefact && !path.endsWith(".tmp") && !path.startsWith("logs") && !path.startsWith(LOCK_FILE))
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

/** An artefact file as JSON, not yet checked against the schema. */
export const readArtefactFile = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"))
