import { Cause, Clock, Duration, Effect, Exit, Stream } from "effect"
import type { RunOutcome } from "../domain/artefact.js"
import { classifyRecord } from "../domain/classifyRecord.js"
import { decide, type FollowOutcome, type FollowProgress, isPartial } from "../domain/completionRules.js"
import { comparisonsProgress } from "../domain/comparisonsProgress.js"
import { quietHint, timeoutCause } from "../domain/quietBatch.js"
import { completionFailureOf } from "../domain/completionStatus.js"
import type { TopicOffsets } from "../domain/offsets.js"
import { KafkaFailure, OutputNotWritable, RunInterrupted } from "../errors.js"
import { eventLine, invalidLine } from "../runFolder/eventLog.js"
import { KafkaBus, type KafkaRecord, type PublishedMessage } from "../services/KafkaBus.js"
import { Progress } from "../services/Progress.js"
import { type LogLevel, RunLog } from "../services/RunLog.js"
import { checkpoint, drainWrites, type RunRecording, saveArtefact, type StatusOfRun } from "./runRecording.js"

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
  readonly elapsedMs: number
  readonly published: PublishedMessage | null
}

/**
 * A save while following waits at least this many times as long as the last one took: a large
 * artefact (70 MB at 100,000 comparisons) then costs at most a tenth of the time to keep current.
 */
const SAVE_COST_FACTOR = 10

/** How long to keep reading what was already on the topics when CJ ends the batch. */
const DRAIN_LIMIT_MS = 30_000

const caughtUp = (recording: RunRecording, target: TopicOffsets): boolean =>
  Object.entries(target).every(([topic, partitions]) =>
    Object.entries(partitions).every(([partition, end]) => (recording.positions.get(topic, Number(partition)) ?? -1n) >= BigInt(end))
  )

/** Event lines waiting for the disk before reading pauses for it (bounds memory). */
const MAX_WRITE_BACKLOG_BYTES = 8 * 1024 * 1024

/** Where a record sat in Kafka, for log lines (built only when one is logged). */
const positionOf = (record: KafkaRecord) => ({ topic: record.topic, partition: record.partition, offset: record.offset })

/** Logged one by one up to this many; beyond it only counted (a flood must not drown the log). */
const DETAILED_LOG_LIMIT = 50
const SAMPLE_CHARS = 500

type Item = { readonly _tag: "Records"; readonly records: ReadonlyArray<KafkaRecord> } | { readonly _tag: "Tick" } | { readonly _tag: "Published"; readonly message: PublishedMessage }

const outcomeName: Readonly<Record<FollowOutcome["_tag"], RunOutcome>> = {
  Completed: "completed",
  CompletedWithoutResult: "completed_without_result",
  BatchFailed: "batch_failed",
  TimedOut: "timed_out"
}

/** How following ended, for the artefact and the report; `received` counts the comparison callbacks. */
export const statusOf = (outcome: FollowOutcome, received: number): StatusOfRun => ({
  outcome: outcomeName[outcome._tag],
  partial: isPartial(outcome),
  timeoutSeconds: outcome._tag === "TimedOut" ? Math.round(outcome.elapsedMs / 10) / 100 : 0,
  failureReason:
    outcome._tag === "BatchFailed"
      ? outcome.reason
      : outcome._tag === "CompletedWithoutResult"
        ? `CJ reported completion but no assessment result arrived within ${Math.round(outcome.waitedMs / 1000)} s`
        : outcome._tag === "TimedOut"
          ? `Timed out waiting for CJ assessment results; captured partial data. ${timeoutCause(received)}`
          : null
})

const clock = (ms: number): string => {
  const seconds = Math.floor(ms / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`
}

export const followNote = (recording: RunRecording, progress: FollowProgress, elapsedMs: number, sinceLastComparisonMs: number, receivedAtStart: number): string => {
  const h = recording.hydrator
  const comparisons = comparisonsProgress({
    received: h.comparisonCount,
    budget: recording.stub.costs.estimate?.lines[0]?.comparisons.high ?? null,
    receivedWhileFollowing: h.comparisonCount - receivedAtStart,
    followingMs: elapsedMs
  })
  const waiting =
    progress.completionSeenAt !== null ? "completion seen, waiting for the result" : progress.resultSeen ? "result seen, waiting for completion" : "waiting for completion"
  const quiet = progress.completionSeenAt === null ? quietHint({ received: h.comparisonCount, sinceStartMs: elapsedMs, sinceLastComparisonMs }) : null
  return `${comparisons}, ${h.failedComparisonCount} failed · $${h.totalCostUsd.toFixed(4)} · ${clock(elapsedMs)} · ${waiting}${quiet === null ? "" : ` · ${quiet}`}`
}

/**
 * Follows this batch from the recording's positions until a completion rule ends it. Every
 * record is classified, this batch's events are appended to the run folder as they arrive and
 * applied to the artefact, and the positions and artefact are saved every few seconds. With
 * `publish`, the request is published once the consumer is started. Ctrl-C saves everything
 * and fails with `RunInterrupted`, naming the attach command.
 */
export const followBatch = <R = never>(recording: RunRecording, settings: FollowSettings, publish?: Effect.Effect<PublishedMessage, KafkaFailure | OutputNotWritable, R>) =>
  Effect.uninterruptibleMask((restore) =>
    Effect.gen(function* () {
      const bus = yield* KafkaBus
      const progress = yield* Progress
      const runLog = yield* RunLog
      const startedAt = yield* Clock.currentTimeMillis
      const h = recording.hydrator
      const state: { -readonly [K in keyof FollowProgress]: FollowProgress[K] } = {
        completionSeenAt: h.completion === null ? null : startedAt,
        resultSeen: h.result !== null,
        completionFailure: completionFailureOf(h.completion),
        failureReason: h.failure
      }
      const limits = { startedAt, completionTimeoutMs: settings.completionTimeoutMs, resultGraceMs: settings.resultGraceMs }
      let decision = decide(state, limits, startedAt)
      let published: PublishedMessage | null = null
      let lastCheckpoint = startedAt
      let lastSave = startedAt
      let lastSaveTookMs = 0
      let lastNote = 0
      let lastComparisonAt = startedAt
      const receivedAtStart = h.comparisonCount
      let detailedLogs = 0
      let drain: { readonly target: TopicOffsets; readonly until: number } | null = null
      const endOffsetsNow = bus.endOffsets(Object.keys(recording.positions.snapshot())).pipe(
        Effect.mapError((error) => new KafkaFailure({ bootstrap: error.bootstrap, message: error.message, fix: error.fix }))
      )
      const pendingLogs: Array<readonly [LogLevel, string, Record<string, unknown>]> = []
      const logDetail = (level: LogLevel, event: string, fields: Record<string, unknown>) => {
        detailedLogs += 1
        if (detailedLogs <= DETAILED_LOG_LIMIT) pendingLogs.push([level, event, fields])
      }

      const takeRecord = (record: KafkaRecord, receivedAt: string, now: number) => {
        const offset = BigInt(record.offset)
        if (!recording.positions.isAhead(record.topic, record.partition, offset)) return
        const text = record.value
        const classified = classifyRecord(record.topic, text, recording.batchUuid)
        if (classified._tag === "Invalid") {
          const sample = (text ?? "").slice(0, SAMPLE_CHARS)
          h.countInvalid()
          recording.eventLog.append("invalid", invalidLine(record, receivedAt, classified.reason, sample))
          logDetail("warn", "event_invalid", { ...positionOf(record), kind: classified.kind, reason: classified.reason, sample })
        } else if (classified._tag === "Ours") {
          recording.eventLog.append(classified.event.kind, eventLine(record, receivedAt, text ?? "", classified.parsed))
          if (classified.event.kind === "comparison") lastComparisonAt = now
          const applied = h.apply(recording.essayIds.toStable(classified.event))
          if (applied._tag === "DuplicateComparison") logDetail("warn", "comparison_duplicate", { ...positionOf(record), request_id: applied.requestId })
          else if (applied._tag === "CompletionSeen") {
            state.completionSeenAt ??= now
            state.completionFailure = completionFailureOf(h.completion)
            pendingLogs.push(["info", "completion_received", { ...positionOf(record), status: applied.status, count: applied.count }])
          } else if (applied._tag === "ResultApplied") {
            state.resultSeen = true
            pendingLogs.push(["info", "assessment_result_received", { ...positionOf(record), essays: applied.essays }])
          } else if (applied._tag === "BatchFailed") {
            state.failureReason = applied.reason
            pendingLogs.push(["error", "batch_failed", { ...positionOf(record), reason: applied.reason }])
          }
        }
        recording.positions.pass(record.topic, record.partition, offset)
      }

      const following: StatusOfRun = { outcome: "following", partial: false, timeoutSeconds: 0, failureReason: null }
      const handle = (item: Item) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          if (item._tag === "Records") {
            const receivedAt = new Date(now).toISOString()
            for (const record of item.records) takeRecord(record, receivedAt, now)
            recording.eventLog.write()
            if (recording.eventLog.backlogBytes > MAX_WRITE_BACKLOG_BYTES) yield* drainWrites(recording)
          } else if (item._tag === "Published") {
            published = item.message
          }
          for (const [level, event, fields] of pendingLogs.splice(0)) yield* runLog.log(level, event, fields)
          if (now - lastSave >= Math.max(settings.saveEveryMs, SAVE_COST_FACTOR * lastSaveTookMs)) {
            const [took] = yield* Effect.timed(saveArtefact(recording, following))
            lastSaveTookMs = Duration.toMillis(took)
            yield* runLog.log("info", "follow_progress", { ...h.observedEvents(), cost_usd: h.totalCostUsd })
            lastSave = now
            lastCheckpoint = now
          } else if (now - lastCheckpoint >= settings.checkpointEveryMs) {
            yield* checkpoint(recording)
            lastCheckpoint = now
          }
          if (now - lastNote >= settings.noteEveryMs) {
            yield* progress.note(followNote(recording, state, now - startedAt, now - lastComparisonAt, receivedAtStart))
            lastNote = now
          }
          decision = decide(state, limits, now)
          if (decision._tag === "Continue") return true
          if (decision.outcome._tag === "TimedOut") return false
          // CJ publishes its completion after the callbacks, but on other topics: read what is
          // already on the topics before finishing, so a lagging callback is not left behind.
          drain ??= { target: yield* endOffsetsNow, until: now + DRAIN_LIMIT_MS }
          return !(caughtUp(recording, drain.target) || now >= drain.until)
        })

      const sources: Array<Stream.Stream<Item, KafkaFailure | OutputNotWritable, R>> = [
        bus.records(recording.positions.snapshot()).pipe(
          Stream.chunks,
          Stream.map((records): Item => ({ _tag: "Records", records }))
        ),
        Stream.tick("200 millis").pipe(Stream.map((): Item => ({ _tag: "Tick" })))
      ]
      if (publish !== undefined) sources.push(Stream.fromEffect(publish).pipe(Stream.map((message): Item => ({ _tag: "Published", message }))))
      const exit = yield* Effect.exit(restore(Stream.runForEachWhile(Stream.mergeAll(sources, { concurrency: "unbounded" }), (item) => Effect.uninterruptible(handle(item)))))
      for (const [level, event, fields] of pendingLogs.splice(0)) yield* runLog.log(level, event, fields)
      if (detailedLogs > DETAILED_LOG_LIMIT) yield* runLog.log("warn", "events_not_logged_individually", { count: detailedLogs - DETAILED_LOG_LIMIT })

      if (Exit.isFailure(exit)) {
        const interrupted = Cause.hasInterruptsOnly(exit.cause)
        yield* saveArtefact(recording, {
          outcome: interrupted ? "interrupted" : "kafka_failed",
          partial: true,
          timeoutSeconds: 0,
          failureReason: interrupted ? `Interrupted; ${recording.continueHint.attachCommand === null ? "the sandbox batch cannot be continued" : "continue with eng5 run attach"}` : "Kafka failed while following the batch"
        })
        if (interrupted) {
          return yield* new RunInterrupted({
            runFolder: recording.folder,
            message: `Interrupted. Everything received so far is saved in ${recording.folder}.`,
            fix: recording.continueHint.sentence
          })
        }
        return yield* Effect.failCause(exit.cause)
      }
      if (decision._tag !== "Done") return yield* Effect.die(new Error("following ended without a decision"))
      yield* saveArtefact(recording, statusOf(decision.outcome, h.comparisonCount))
      const result: FollowResult = { outcome: decision.outcome, elapsedMs: (yield* Clock.currentTimeMillis) - startedAt, published }
      return result
    })
  )

/**
 * Following as a progress step. Only following itself stays interruptible, so on Ctrl-C the
 * step still reports `RunInterrupted` (with the attach command) instead of a bare interruption.
 */
export const followAsStep = <A, E, R>(title: string, follow: Effect.Effect<A, E, R>) =>
  Progress.use((progress) => Effect.uninterruptibleMask((restore) => progress.step(title, restore(follow))))
