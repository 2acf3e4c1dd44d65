import { Cause, Clock, Effect, Exit, Stream } from "effect"
import type { AssessmentRunArtefact } from "../domain/artefact.js"
import { classifyRecord } from "../domain/classifyRecord.js"
import { decide, type FollowLimits, type FollowOutcome, type FollowProgress } from "../domain/completionRules.js"
import { completionFailureOf } from "../domain/completionStatus.js"
import type { TopicOffsets } from "../domain/offsets.js"
import { KafkaFailure, RunInterrupted } from "../errors.js"
import { eventLine, invalidLine } from "../runFolder/eventLog.js"
import { KafkaBus, type KafkaRecord } from "../services/KafkaBus.js"
import { Progress } from "../services/Progress.js"
import { type LogLevel, RunLog } from "../services/RunLog.js"
import type { RunReport } from "./runReport.js"
import { checkpoint, type RunRecording, type StatusOfRun, saveArtefact, storeEvents } from "./runRecording.js"
import { runStopped } from "./runStopped.js"
import { type FollowStop, followNote, followStopOf, statusOf, stopStatusOf } from "./followStatus.js"
import { summariseFailure } from "./outcome.js"

export interface FollowSettings {
  readonly completionTimeoutMs: number
  readonly resultGraceMs: number
  /** How often the artefact is rewritten while following. */
  readonly saveEveryMs: number
  /** How often the read positions are saved. */
  readonly checkpointEveryMs: number
  readonly noteEveryMs: number
}

export const FOLLOW_DEFAULTS = { resultGraceMs: 10_000, saveEveryMs: 3_000, checkpointEveryMs: 1_000, noteEveryMs: 1_000 } as const

export interface FollowResult {
  readonly outcome: FollowOutcome
  /** The outcome as the artefact records it. */
  readonly status: StatusOfRun
  /** The artefact saved when following ended. */
  readonly artefact: AssessmentRunArtefact
  readonly elapsedMs: number
}

/** How long to keep reading what was already on the topics when CJ ends the batch. */
const DRAIN_LIMIT_MS = 30_000

/** Logged one by one up to this many; beyond it only counted (a flood must not drown the log). */
const DETAILED_LOG_LIMIT = 50
const SAMPLE_CHARS = 500

/**
 * Following is in one of three phases: reading the batch's events; reading on to where the
 * topics ended when CJ ended the batch (so a callback published just before the completion is
 * not left behind); ended, with how.
 */
type Phase =
  | { readonly _tag: "Following" }
  | { readonly _tag: "Draining"; readonly target: TopicOffsets; readonly until: number }
  | { readonly _tag: "Ended"; readonly outcome: FollowOutcome }

/** Everything the follow loop knows, in one place; each step of the loop makes the next one. */
interface FollowState {
  readonly phase: Phase
  /** What CJ has said about the batch so far: the completion rules decide on it. */
  readonly cj: FollowProgress
  readonly lastComparisonAt: number
  readonly savedAt: number
  readonly checkpointedAt: number
  readonly notedAt: number
  /** Warnings about single records logged so far (only the first DETAILED_LOG_LIMIT are written). */
  readonly detailedLogs: number
}

type LogLine = readonly [LogLevel, string, Record<string, unknown>]

/** Where a record sat in Kafka, for log lines. */
const positionOf = (record: KafkaRecord) => ({ topic: record.topic, partition: record.partition, offset: record.offset })

/**
 * Classifies one record, stores it in the event log when it is this batch's (or unusable) and
 * applies it to the hydrator. Returns the state as the record leaves it and what to log.
 */
const takeRecord = (recording: RunRecording, state: FollowState, record: KafkaRecord, receivedAt: string, now: number): readonly [FollowState, LogLine | null] => {
  const offset = BigInt(record.offset)
  if (!recording.positions.isAhead(record.topic, record.partition, offset)) return [state, null]
  recording.positions.pass(record.topic, record.partition, offset)
  const text = record.value
  const classified = classifyRecord(record.topic, text, recording.batchUuid)
  const detail = (next: FollowState, line: LogLine): readonly [FollowState, LogLine | null] => [{ ...next, detailedLogs: next.detailedLogs + 1 }, next.detailedLogs < DETAILED_LOG_LIMIT ? line : null]
  if (classified._tag === "Invalid") {
    const sample = (text ?? "").slice(0, SAMPLE_CHARS)
    recording.hydrator.countInvalid()
    recording.eventLog.append("invalid", invalidLine(record, receivedAt, classified.reason, sample))
    return detail(state, ["warn", "event_invalid", { ...positionOf(record), kind: classified.kind, reason: classified.reason, sample }])
  }
  if (classified._tag !== "Ours") return [state, null]
  recording.eventLog.append(classified.event.kind, eventLine(record, receivedAt, text ?? "", classified.parsed))
  const applied = recording.hydrator.apply(recording.essayIds.toStable(classified.event))
  const seen = classified.event.kind === "comparison" ? { ...state, lastComparisonAt: now } : state
  switch (applied._tag) {
    case "DuplicateComparison":
      return detail(seen, ["warn", "comparison_duplicate", { ...positionOf(record), request_id: applied.requestId }])
    case "CompletionSeen":
      return [
        { ...seen, cj: { ...seen.cj, completionSeenAt: seen.cj.completionSeenAt ?? now, completionFailure: completionFailureOf(recording.hydrator.completion) } },
        ["info", "completion_received", { ...positionOf(record), status: applied.status, count: applied.count }]
      ]
    case "ResultApplied":
      return [{ ...seen, cj: { ...seen.cj, resultSeen: true } }, ["info", "assessment_result_received", { ...positionOf(record), essays: applied.essays }]]
    case "BatchFailed":
      return [{ ...seen, cj: { ...seen.cj, failureReason: applied.reason } }, ["error", "batch_failed", { ...positionOf(record), reason: applied.reason }]]
    case "ComparisonRecorded":
      return [seen, null]
  }
}

const caughtUp = (recording: RunRecording, target: TopicOffsets): boolean =>
  Object.entries(target).every(([topic, partitions]) =>
    Object.entries(partitions).every(([partition, end]) => (recording.positions.get(topic, Number(partition)) ?? -1n) >= BigInt(end))
  )

type Item = { readonly _tag: "Records"; readonly records: ReadonlyArray<KafkaRecord> } | { readonly _tag: "Tick" }

const FOLLOWING: StatusOfRun = { outcome: "following", partial: false, timeoutSeconds: 0, failureReason: null }

/**
 * Follows this batch from the recording's positions until a completion rule ends it. Every
 * record is classified, this batch's events are appended to the run folder as they arrive and
 * applied to the artefact, and the positions and artefact are saved every few seconds. Ctrl-C
 * saves everything and fails with `RunInterrupted`, naming how to continue; a run folder that
 * stops taking writes fails with `RunFolderWriteFailed`, which says the batch runs on in CJ.
 */
export const followBatch = (recording: RunRecording, settings: FollowSettings) =>
  Effect.uninterruptible(
    Effect.gen(function* () {
      const bus = yield* KafkaBus
      const progress = yield* Progress
      const runLog = yield* RunLog
      const startedAt = yield* Clock.currentTimeMillis
      const h = recording.hydrator
      const receivedAtStart = h.comparisonCount
      const limits: FollowLimits = { startedAt, completionTimeoutMs: settings.completionTimeoutMs, resultGraceMs: settings.resultGraceMs }
      let state: FollowState = {
        phase: { _tag: "Following" },
        cj: { completionSeenAt: h.completion === null ? null : startedAt, resultSeen: h.result !== null, completionFailure: completionFailureOf(h.completion), failureReason: h.failure },
        lastComparisonAt: startedAt,
        savedAt: startedAt,
        checkpointedAt: startedAt,
        notedAt: 0,
        detailedLogs: 0
      }
      const endOffsetsNow = bus.endOffsets(Object.keys(recording.positions.snapshot())).pipe(
        Effect.mapError((error) => new KafkaFailure({ bootstrap: error.bootstrap, message: error.message, fix: error.fix }))
      )

      const take = (before: FollowState, records: ReadonlyArray<KafkaRecord>, now: number) =>
        Effect.gen(function* () {
          const receivedAt = new Date(now).toISOString()
          let next = before
          for (const record of records) {
            const [after, line] = takeRecord(recording, next, record, receivedAt, now)
            next = after
            if (line !== null) yield* runLog.log(...line)
          }
          yield* storeEvents(recording)
          return next
        })

      /** Saves the artefact, or at least the positions, when each is due. */
      const keepSaved = (before: FollowState, now: number) =>
        Effect.gen(function* () {
          if (now - before.savedAt >= settings.saveEveryMs) {
            yield* saveArtefact(recording, FOLLOWING)
            yield* runLog.log("info", "follow_progress", { ...h.observedEvents(), cost_usd: h.totalCostUsd })
            return { ...before, savedAt: now, checkpointedAt: now }
          }
          if (now - before.checkpointedAt < settings.checkpointEveryMs) return before
          yield* checkpoint(recording)
          return { ...before, checkpointedAt: now }
        })

      const note = (before: FollowState, now: number) =>
        now - before.notedAt < settings.noteEveryMs
          ? Effect.succeed(before)
          : Effect.as(progress.note(followNote(recording, before.cj, now - startedAt, now - before.lastComparisonAt, receivedAtStart)), { ...before, notedAt: now })

      /** The phase after this step: the completion rules decide, then reading drains to the topics' ends. */
      const advance = (before: FollowState, now: number) =>
        Effect.gen(function* () {
          const decision = decide(before.cj, limits, now)
          if (decision._tag === "Continue") return before
          const ended: FollowState = { ...before, phase: { _tag: "Ended", outcome: decision.outcome } }
          if (decision.outcome._tag === "TimedOut") return ended
          const phase = before.phase._tag === "Draining" ? before.phase : { _tag: "Draining" as const, target: yield* endOffsetsNow, until: now + DRAIN_LIMIT_MS }
          return caughtUp(recording, phase.target) || now >= phase.until ? ended : { ...before, phase }
        })

      const step = (item: Item) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const taken = item._tag === "Records" ? yield* take(state, item.records, now) : state
          state = yield* advance(yield* note(yield* keepSaved(taken, now), now), now)
          return state.phase._tag !== "Ended"
        })

      const items = Stream.mergeAll(
        [
          bus.records(recording.positions.snapshot()).pipe(
            Stream.chunks,
            Stream.map((records): Item => ({ _tag: "Records", records }))
          ),
          Stream.tick("200 millis").pipe(Stream.map((): Item => ({ _tag: "Tick" })))
        ],
        { concurrency: "unbounded" }
      )
      // Each step runs whole (a save is never cut in half); only waiting for the next item is
      // interruptible, even inside a caller's uninterruptible region (followAndFinish).
      const exit = yield* Effect.exit(Effect.interruptible(Stream.runForEachWhile(items, (item) => Effect.uninterruptible(step(item)))))
      if (state.detailedLogs > DETAILED_LOG_LIMIT) yield* runLog.log("warn", "events_not_logged_individually", { count: state.detailedLogs - DETAILED_LOG_LIMIT })
      if (Exit.isFailure(exit)) return yield* stopped(recording, exit.cause)
      if (state.phase._tag !== "Ended") return yield* Effect.die(new Error("following ended without an outcome"))
      const outcome = state.phase.outcome
      const status = statusOf(outcome, h.comparisonCount)
      const artefact = yield* saveArtefact(recording, status)
      const result: FollowResult = { outcome, status, artefact, elapsedMs: (yield* Clock.currentTimeMillis) - startedAt }
      return result
    })
  )

/** Following stopped before an outcome: what arrived is saved (when the folder still takes writes), and the failure says how to go on. */
const stopped = <E>(recording: RunRecording, cause: Cause.Cause<E>) =>
  Effect.gen(function* () {
    const stop: FollowStop | undefined = Cause.hasInterruptsOnly(cause)
      ? new RunInterrupted({ runFolder: recording.folder, message: `Interrupted. Everything received so far is saved in ${recording.folder}.`, fix: recording.continueHint.sentence })
      : followStopOf(cause)
    if (stop === undefined) return yield* Effect.failCause(cause)
    const save = saveArtefact(recording, stopStatusOf(recording, stop))
    // A folder that failed a write may fail this one too: the failure that stopped following is the one to report.
    yield* stop._tag === "RunFolderWriteFailed" ? Effect.ignore(save) : save
    return yield* Effect.fail(stop)
  })

/**
 * Following the batch and finishing the run as one step that Ctrl-C cannot cut short (only
 * reading Kafka is interruptible): a run whose following stopped early (Ctrl-C, Kafka, the run
 * folder) is finished too, with why it stopped, and then fails with RunStopped carrying its
 * report, so the command prints the report before the error.
 */
export const followAndFinish = <E, R>(
  title: string,
  recording: RunRecording,
  settings: FollowSettings,
  finish: (end: { readonly followed: FollowResult } | { readonly stopped: FollowStop }) => Effect.Effect<RunReport, E, R>
) =>
  Effect.uninterruptible(
    Effect.gen(function* () {
      const progress = yield* Progress
      const exit = yield* Effect.exit(progress.step(title, followBatch(recording, settings)))
      if (Exit.isSuccess(exit)) return yield* finish({ followed: exit.value })
      const stop = followStopOf(exit.cause)
      if (stop === undefined) return yield* Effect.failCause(exit.cause)
      const report = yield* finish({ stopped: stop })
      // The report's error is the stop's (buildRunReport); RunStopped reports the stop whatever `finish` made of it.
      return yield* runStopped({ ...report, error: summariseFailure(stop) })
    })
  )
