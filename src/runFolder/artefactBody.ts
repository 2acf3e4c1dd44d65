import { createHash, type Hash } from "node:crypto"
import { createReadStream } from "node:fs"
import { type FileHandle, open, rm } from "node:fs/promises"
import type { AssessmentRunArtefact, ManifestEntry } from "../domain/artefact.js"
import { AppendOnlyBytes } from "../domain/appendOnlyBytes.js"
import { artefactFrame, sealPieces, withChecksum } from "../domain/buildArtefact.js"
import type { SpilledRange } from "./artefactFile.js"

/** How much of the newest comparison text stays in memory; older text lives in the spill file. */
const CHUNK_BYTES = 1024 * 1024

/**
 * An artefact ready to write with `writeSealedArtefact`: `head`, the spilled range (on disk
 * once sealed), the in-memory ranges, then `tail`.
 */
export interface SealedArtefact {
  readonly head: string
  readonly spill: SpilledRange | null
  readonly body: ReadonlyArray<Uint8Array>
  readonly tail: string
  readonly checksum: string
}

/**
 * The artefact's `llm_comparisons` text as a run accumulates it, in bounded memory: each full
 * megabyte goes to a spill file in the run folder (a `.tmp` file, so never in the manifest),
 * and a running SHA-256 of the artefact's head and the spilled text means a save hashes only
 * what is new. Memory stays flat however many comparisons a batch has.
 *
 * The spill file starts with the artefact's head, so it is the artefact's first part as it
 * stands: a save copies it inside the kernel (no pass through memory) and appends the rest.
 */
export class ArtefactBody {
  readonly text: AppendOnlyBytes
  private readonly head: string
  /** The head's length in bytes: where the spilled comparisons start in the spill file. */
  private readonly headBytes: number
  private readonly hash: Hash
  private spilled = 0
  private unwritten = 0
  private file: Promise<FileHandle> | undefined
  /** The chain of spill writes; a failed write fails every later save. */
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly spillPath: string,
    stub: AssessmentRunArtefact
  ) {
    this.head = artefactFrame(stub, []).head
    this.headBytes = Buffer.byteLength(this.head)
    this.hash = createHash("sha256").update(this.head)
    this.text = new AppendOnlyBytes(CHUNK_BYTES, (chunk) => this.spill(chunk))
  }

  private spill(bytes: Buffer): void {
    const used = bytes.length
    this.hash.update(bytes)
    const at = this.headBytes + this.spilled
    this.spilled += used
    if (this.file === undefined) {
      const head = this.head
      this.file = open(this.spillPath, "w").then(async (handle) => {
        await handle.write(head, 0, "utf8")
        return handle
      })
    }
    const file = this.file
    this.unwritten += used
    this.writing = this.writing.then(async () => {
      await (await file).write(bytes, 0, used, at)
      this.unwritten -= used
      this.text.recycle(bytes)
    })
    // Marked as handled here; a failed write still fails whoever awaits `writing` (flush, save).
    this.writing.catch(() => undefined)
  }

  /** Spilled bytes still waiting for the disk. */
  get backlogBytes(): number {
    return this.unwritten
  }

  /** Resolves once everything spilled so far is written (and fails if a write failed). */
  flush(): Promise<void> {
    return this.writing
  }

  /**
   * Seals the artefact with the comparisons appended so far, as they are when called (the part
   * up to the first `await` runs at once), so it stays consistent while more arrive. Once it
   * resolves, the spilled range it names is on disk; write it with `writeSealedArtefact`.
   */
  async seal(shell: AssessmentRunArtefact, manifest: ReadonlyArray<ManifestEntry>): Promise<SealedArtefact> {
    const window = this.text.snapshot()
    if (this.spilled === 0) return { ...sealPieces(shell, window, manifest), spill: null }
    const end = this.headBytes + this.spilled
    const { head, tail } = artefactFrame(shell, manifest)
    let hash: Hash
    let spill: SpilledRange
    if (head === this.head) {
      // The spill file holds this very head: it is the artefact's start as it is.
      hash = this.hash.copy()
      spill = { path: this.spillPath, start: 0, end }
      await this.writing
    } else {
      // Another head than the one hashed so far (the run's metadata changed): hash it all again.
      hash = createHash("sha256").update(head)
      spill = { path: this.spillPath, start: this.headBytes, end }
      await this.writing
      for await (const chunk of createReadStream(this.spillPath, { start: spill.start, end: end - 1 })) hash.update(chunk as Buffer)
    }
    for (const range of window) hash.update(range)
    const checksum = hash.update(tail).digest("hex")
    return { head: spill.start === 0 ? "" : head, spill, body: window, tail: withChecksum(tail, checksum), checksum }
  }

  /** Closes and removes the spill file (the artefact written last holds everything); never fails. */
  async discard(): Promise<void> {
    await this.writing.catch(() => undefined)
    const file = this.file
    this.file = undefined
    await file?.then((handle) => handle.close()).catch(() => undefined)
    await rm(this.spillPath, { force: true }).catch(() => undefined)
  }
}
