import { createWriteStream, mkdirSync, type WriteStream } from "node:fs"
import { finished } from "node:stream/promises"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { makeRedactor } from "../domain/redact.js"
import { type LogLevel, RunLog } from "../services/RunLog.js"

export interface RunLogOptions {
  /** Debug lines also go to stderr, human-readable. */
  readonly verbose: boolean
  readonly secrets: ReadonlyArray<string>
  readonly stderr?: (line: string) => void
}

export const RUN_LOG_FILE = join("logs", "eng5.jsonl")

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * JSON lines in the run folder, secrets masked before anything is written anywhere. The log
 * serves the run, never ends it: when its file cannot be created or written (a full disk, a
 * read-only folder) eng5 says so once on stderr and goes on without it; the run's own files
 * report their failures themselves.
 */
export const runLogFile = (options: RunLogOptions) =>
  Layer.effect(
    RunLog,
    Effect.gen(function* () {
      const redact = makeRedactor(options.secrets)
      const writeStderr = options.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`))
      const pending: string[] = []
      let stream: WriteStream | undefined
      let path: string | undefined
      let failed = false

      const giveUp = (error: unknown) => {
        if (failed) return
        failed = true
        stream = undefined
        pending.length = 0
        writeStderr(`warning: the run log ${path ?? RUN_LOG_FILE} cannot be written (${reasonOf(error)}); the run goes on without it.`)
      }

      yield* Effect.addFinalizer(() =>
        Effect.promise(() => {
          const open = stream
          if (open === undefined) return Promise.resolve()
          open.end()
          return finished(open).catch(giveUp)
        })
      )

      const log = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}) =>
        Effect.sync(() => {
          const line = redact(JSON.stringify({ timestamp: new Date().toISOString(), level, event, ...fields }))
          if (stream !== undefined) stream.write(`${line}\n`)
          else if (!failed) pending.push(line)
          if (options.verbose) writeStderr(redact(`[${level}] ${event} ${JSON.stringify(fields)}`))
        })

      const attach = (runFolder: string) =>
        Effect.sync(() => {
          if (path !== undefined) return path
          path = join(runFolder, RUN_LOG_FILE)
          try {
            mkdirSync(join(runFolder, "logs"), { recursive: true })
          } catch (error) {
            giveUp(error)
            return path
          }
          const opened = createWriteStream(path, { flags: "a" })
          opened.on("error", giveUp)
          stream = opened
          for (const line of pending.splice(0)) opened.write(`${line}\n`)
          return path
        })

      return RunLog.of({ log, attach })
    })
  )
