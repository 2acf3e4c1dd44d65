import { createWriteStream, mkdirSync, type WriteStream } from "node:fs"
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

/** JSON lines in the run folder, secrets masked before anything is written anywhere. */
export const runLogFile = (options: RunLogOptions) =>
  Layer.effect(
    RunLog,
    Effect.gen(function* () {
      const redact = makeRedactor(options.secrets)
      const writeStderr = options.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`))
      const pending: string[] = []
      let stream: WriteStream | undefined
      let path: string | undefined

      yield* Effect.addFinalizer(() =>
        Effect.promise(() => new Promise<void>((done) => (stream === undefined ? done() : stream.end(() => done()))))
      )

      const log = (level: LogLevel, event: string, fields: Readonly<Record<string, unknown>> = {}) =>
        Effect.sync(() => {
          const line = redact(JSON.stringify({ timestamp: new Date().toISOString(), level, event, ...fields }))
          if (stream === undefined) pending.push(line)
          else stream.write(`${line}\n`)
          if (options.verbose) writeStderr(redact(`[${level}] ${event} ${JSON.stringify(fields)}`))
        })

      const attach = (runFolder: string) =>
        Effect.sync(() => {
          if (path !== undefined) return path
          path = join(runFolder, RUN_LOG_FILE)
          mkdirSync(join(runFolder, "logs"), { recursive: true })
          stream = createWriteStream(path, { flags: "a" })
          for (const line of pending.splice(0)) stream.write(`${line}\n`)
          return path
        })

      return RunLog.of({ log, attach })
    })
  )
