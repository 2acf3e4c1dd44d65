import { Context, Effect, Layer } from "effect"

export type LogLevel = "debug" | "info" | "warn" | "error"

/**
 * Structured JSON logs of a run. Lines logged before the run folder exists are kept and
 * written once the program attaches the folder.
 */
export interface RunLogService {
  readonly log: (level: LogLevel, event: string, fields?: Readonly<Record<string, unknown>>) => Effect.Effect<void>
  /** Starts writing to `<runFolder>/logs/eng5.jsonl`; returns that path. */
  readonly attach: (runFolder: string) => Effect.Effect<string>
}

export class RunLog extends Context.Service<RunLog, RunLogService>()("eng5/services/RunLog") {
  static readonly discard = Layer.succeed(RunLog, {
    log: () => Effect.void,
    attach: (runFolder) => Effect.succeed(`${runFolder}/logs/eng5.jsonl`)
  })
}

export const logInfo = (event: string, fields?: Readonly<Record<string, unknown>>) =>
  RunLog.use((log) => log.log("info", event, fields))
export const logDebug = (event: string, fields?: Readonly<Record<string, unknown>>) =>
  RunLog.use((log) => log.log("debug", event, fields))
export const logWarn = (event: string, fields?: Readonly<Record<string, unknown>>) =>
  RunLog.use((log) => log.log("warn", event, fields))
