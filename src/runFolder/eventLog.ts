import { createHash, type Hash } from "node:crypto"
import { type FileHandle, mkdir, open, readFile, stat } from "node:fs/promises"
import { join } from "node:path"
import type { ManifestEntry } from "../domain/artefact.js"
import type { EventKind } from "../domain/classifyRecord.js"
import type { KafkaRecord } from "../services/KafkaBus.js"

export type StoredKind = EventKind | "invalid"

/** Append-only JSONL files of a run folder, one per kind of event (fixes B2: nothing overwritten). */
export const EVENT_FILES: Readonly<Record<StoredKind, string>> = {
  comparison: join("events", "comparisons.jsonl"),
  completion: join("events", "completions.jsonl"),
  result: join("events", "assessment_results.jsonl"),
  failure: join("events", "failures.jsonl"),
  invalid: join("events", "invalid.jsonl")
}

const kafkaFields = (record: KafkaRecord, receivedAt: string) =>
  `"topic":${JSON.stringify(record.topic)},"partition":${record.partition},"offset":"${record.offset}","timestamp":"${record.timestamp}","received_at":"${receivedAt}"`

/**
 * One line for an event of this batch: where it came from in Kafka, when eng5 got it, and the
 * envelope as published (`text`, which parsed to `parsed`); re-serialised only if the envelope
 * spans several lines.
 */
export const eventLine = (record: KafkaRecord, receivedAt: string, text: string, parsed: unknown): string => {
  const oneLine = !text.includes("\n") && !text.includes("\r")
  return `{${kafkaFields(record, receivedAt)},"event":${oneLine ? text : JSON.stringify(parsed)}}\n`
}

/** One line for an unusable event: the reason and the start of what was received. */
export const invalidLine = (record: KafkaRecord, receivedAt: string, reason: string, sample: string): string =>
  `{${kafkaFields(record, receivedAt)},"reason":${JSON.stringify(reason)},"sample":${JSON.stringify(sample)}}\n`

interface OpenFile {
  readonly handle: FileHandle
  readonly hash: Hash
  bytes: number
}

interface EventFile {
  /** Lines not written yet. */
  pending: string[]
  opened: OpenFile | undefined
}

/** Drops a last line cut short by a killed process, so appends start on a fresh line. */
const repairTornTail = async (path: string): Promise<void> => {
  const size = (await stat(path).catch(() => undefined))?.size ?? 0
  if (size === 0) return
  const handle = await open(path, "r+")
  try {
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    if (last[0] === 0x0a) return
    let end = 0
    for (let windowEnd = size; windowEnd > 0; ) {
      const windowStart = Math.max(0, windowEnd - 65_536)
      const buffer = Buffer.alloc(windowEnd - windowStart)
      await handle.read(buffer, 0, buffer.length, windowStart)
      const newline = buffer.lastIndexOf(0x0a)
      if (newline !== -1) {
        end = windowStart + newline + 1
        break
      }
      windowEnd = windowStart
    }
    await handle.truncate(end)
  } finally {
    await handle.close()
  }
}

/** The SHA-256 and size of a file's bytes so far (0 bytes when it does not exist). */
const hashExisting = async (path: string, hash: Hash): Promise<number> => {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? Buffer.alloc(0) : Promise.reject(error)))
  hash.update(bytes)
  return bytes.length
}

/**
 * Buffers lines and appends them on `flush`, keeping a running SHA-256 of each file so the
 * artefact's manifest costs nothing per save. Files are created on first use.
 */
export class EventLog {
  private readonly files = new Map<StoredKind, EventFile>()

  constructor(private readonly folder: string) {}

  private fileOf(kind: StoredKind): EventFile {
    let file = this.files.get(kind)
    if (file === undefined) {
      file = { pending: [], opened: undefined }
      this.files.set(kind, file)
    }
    return file
  }

  /** Buffers one line (ending in a newline). */
  append(kind: StoredKind, line: string): void {
    this.fileOf(kind).pending.push(line)
  }

  private async open(kind: StoredKind, file: EventFile): Promise<OpenFile> {
    if (file.opened !== undefined) return file.opened
    const path = join(this.folder, EVENT_FILES[kind])
    await mkdir(join(this.folder, "events"), { recursive: true })
    await repairTornTail(path)
    const hash = createHash("sha256")
    const bytes = await hashExisting(path, hash)
    file.opened = { handle: await open(path, "a"), hash, bytes }
    return file.opened
  }

  /** Opens every file that exists (attach), repairing torn tails before anything reads them. */
  async openExisting(): Promise<void> {
    for (const kind of Object.keys(EVENT_FILES) as StoredKind[]) {
      const exists = await stat(join(this.folder, EVENT_FILES[kind])).then(() => true, () => false)
      if (exists) await this.open(kind, this.fileOf(kind))
    }
  }

  /** Writes every buffered line; once it resolves the lines survive the process being killed. */
  async flush(): Promise<void> {
    for (const [kind, file] of this.files) {
      if (file.pending.length === 0) continue
      const bytes = Buffer.from(file.pending.join(""))
      const opened = await this.open(kind, file)
      await opened.handle.write(bytes)
      file.pending = []
      opened.hash.update(bytes)
      opened.bytes += bytes.length
    }
  }

  /** Flushes, then asks the disk to keep what was written (for saved positions that must never run ahead of it). */
  async sync(): Promise<void> {
    await this.flush()
    for (const file of this.files.values()) await file.opened?.handle.datasync()
  }

  /** Manifest entries of the files written so far. */
  manifestEntries(): ManifestEntry[] {
    return [...this.files].flatMap(([kind, file]) =>
      file.opened === undefined ? [] : [{ path: EVENT_FILES[kind], sha256: file.opened.hash.copy().digest("hex"), bytes: file.opened.bytes }]
    )
  }

  /** Flushes and closes every file; each handle is closed even when another fails. */
  async close(): Promise<void> {
    const flushed = await this.flush().then(() => null, (error: unknown) => ({ error }))
    const closing = [...this.files.values()].flatMap((file) => (file.opened === undefined ? [] : [file.opened.handle.close()]))
    this.files.clear()
    const closed = (await Promise.allSettled(closing)).find((result) => result.status === "rejected")
    if (flushed !== null) throw flushed.error
    if (closed !== undefined) throw closed.reason
  }
}

/** Every complete line of one event file, in order; none when the file does not exist. */
export const readEventLines = async (folder: string, kind: StoredKind): Promise<ReadonlyArray<string>> => {
  const text = await readFile(join(folder, EVENT_FILES[kind]), "utf8").catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? "" : Promise.reject(error)))
  return text.split(/\r?\n/).filter((line) => line.trim() !== "")
}
