import { join } from "node:path"
import { Clock, Effect, Predicate } from "effect"
import type { AssessmentRunArtefact, RunOutcome, RunnerStatus } from "../domain/artefact.js"
import { type ArtefactReliability, cjIdsOf, scoreArtefact } from "../domain/artefactReliability.js"
import { hydratedShell } from "../domain/buildArtefact.js"
import { classifyParsed, type EventKind } from "../domain/classifyRecord.js"
import { Hydrator } from "../domain/hydrator.js"
import { furthestOf, Positions, type TopicOffsets } from "../domain/offsets.js"
import { EssayIdMap } from "../domain/sentIds.js"
import { type AnchorGradeOf, anchorGradesOf, withKnownAnchorGrades } from "../domain/anchorGrades.js"
import { type OutputNotWritable, RunFolderUnusable, RunFolderWriteFailed } from "../errors.js"
import { readArtefactFile, runFolderManifest, writeArtefact } from "../runFolder/artefactFile.js"
import { EventLog, readEventLines, type StoredKind } from "../runFolder/eventLog.js"
import { RUN_FILES, writeFailed } from "../runFolder/runFolder.js"
import { readOffsets, type RunState, writeOffsets, writeRunState } from "../runFolder/runState.js"
import { type ContinueHint, continueHintFor } from "../domain/continueRun.js"
import { logWarn } from "../services/RunLog.js"
import { validateArtefact } from "./stubArtefact.js"

/** Everything a run folder holds while its batch is followed. */
export interface RunRecording {
  readonly folder: string
  readonly artefactPath: string
  readonly batchUuid: string
  /**
   * What the artefact keeps from before following (metadata, inputs, environment): the stub
   * execute built, or for attach the artefact in the folder, without its comparisons.
   */
  readonly stub: AssessmentRunArtefact
  readonly hydrator: Hydrator
  readonly eventLog: EventLog
  /** Next offset to read per partition, counting only records already handed to the event log. */
  readonly positions: Positions
  /** The ids CJ received → the stable ids the artefact keeps (from the stub's inputs). */
  readonly essayIds: EssayIdMap
  /** The known grade of an anchor in CJ's results (from the stub's inputs). */
  readonly anchorGrades: AnchorGradeOf
  /** How the batch is continued if following stops: attach, or for the sandbox a new rehearsal. */
  readonly continueHint: ContinueHint
}

export interface StatusOfRun {
  readonly outcome: RunOutcome
  readonly partial: boolean
  readonly timeoutSeconds: number
  readonly failureReason: string | null
  readonly postRun?: Readonly<Record<string, unknown>>
}

/**
 * Every write to the run folder fails with OutputNotWritable (`writeFailed`): before the request
 * is published that is a usage failure, exit 2 with nothing published. After it the batch runs on
 * in CJ, so each write of a recording goes through here and fails with RunFolderWriteFailed,
 * which says so and names how to collect the rest once the folder takes writes again.
 */
const afterPublish = (recording: Pick<RunRecording, "continueHint">) =>
  Effect.mapError(
    (error: OutputNotWritable) =>
      new RunFolderWriteFailed({
        path: error.path,
        message: `${error.message} The request was published: the batch is running in CJ, and its results wait on Kafka.`,
        fix: `Free disk space or fix the folder's permissions, then: ${recording.continueHint.sentence} Do not run execute again: that would publish, and pay for, a second batch.`
      })
  )

export const newRecording = (folder: string, batchUuid: string, gradeScale: string, stub: AssessmentRunArtefact, start: TopicOffsets, bootstrap: string | null = null): RunRecording => ({
  folder,
  artefactPath: join(folder, RUN_FILES.artefact),
  batchUuid,
  stub,
  hydrator: new Hydrator(gradeScale),
  eventLog: new EventLog(folder),
  positions: new Positions(start),
  essayIds: EssayIdMap.fromStudents(stub.inputs.students),
  anchorGrades: anchorGradesOf(stub.inputs),
  continueHint: continueHintFor(folder, bootstrap)
})

export const runnerStatusOf = (recording: RunRecording, status: StatusOfRun): RunnerStatus => ({
  partial_data: status.partial,
  timeout_seconds: status.timeoutSeconds,
  observed_events: recording.hydrator.observedEvents(),
  outcome: status.outcome,
  cj_status: recording.hydrator.completion?.status ?? null,
  failure_reason: status.failureReason
})

/** Records in run.json where and when the request was published (attach reports it again). */
export const recordPublished = (recording: RunRecording, state: RunState) => writeRunState(recording.folder, state).pipe(afterPublish(recording))

const eventFiles = (recording: RunRecording, write: (log: EventLog) => Promise<void>) =>
  Effect.tryPromise({ try: () => write(recording.eventLog), catch: writeFailed(recording.folder) }).pipe(afterPublish(recording))

/** Writes the event lines taken so far to their files. */
export const storeEvents = (recording: RunRecording) => eventFiles(recording, (log) => log.flush())

/** Writes what is left and closes the event files. */
export const closeEvents = (recording: RunRecording) => eventFiles(recording, (log) => log.close())

/**
 * Writes what is buffered and has the disk keep it, then records how far that is: a restart
 * resumes from there, and the saved positions never run ahead of the stored events.
 */
export const checkpoint = (recording: RunRecording) =>
  Effect.gen(function* () {
    const positions = recording.positions.snapshot()
    yield* eventFiles(recording, (log) => log.sync())
    const now = yield* Clock.currentTimeMillis
    yield* writeOffsets(recording.folder, positions, new Date(now)).pipe(afterPublish(recording))
  })

/** Seals `artefact` with the manifest of the run folder and writes it atomically. */
const writeSealed = (recording: RunRecording, artefact: AssessmentRunArtefact, options: { readonly sync: boolean }) =>
  Effect.tryPromise({
    try: async () => {
      const manifest = await runFolderManifest(recording.folder, recording.eventLog.manifestEntries())
      await writeArtefact(recording.artefactPath, artefact, manifest, options)
    },
    catch: writeFailed(recording.artefactPath)
  })

/**
 * The artefact written before the request is published: the stub with its status. A failure is
 * OutputNotWritable (exit 2), and nothing is published.
 */
export const saveStub = (recording: RunRecording, status: StatusOfRun) =>
  Effect.gen(function* () {
    const artefact = yield* artefactNow(recording, status)
    yield* writeSealed(recording, artefact, { sync: true })
  })

/**
 * Rewrites the artefact atomically with the results so far (after a checkpoint) and returns it,
 * without the manifest and checksum it was sealed with. The results are taken at the start, so
 * the artefact is consistent even while events keep arriving. Saves while following are not
 * forced to disk (attach rebuilds the artefact from the event files, which checkpoints do
 * force); the save that records how the run ended is.
 */
export const saveArtefact = (recording: RunRecording, status: StatusOfRun) =>
  Effect.gen(function* () {
    const artefact = yield* artefactNow(recording, status)
    yield* checkpoint(recording)
    yield* writeSealed(recording, artefact, { sync: status.outcome !== "following" }).pipe(afterPublish(recording))
    return artefact
  })

/**
 * The artefact as the recording has it now, without its manifest and checksum (those are added
 * when it is written). The comparison records are the recording's own, not copies.
 */
export const artefactNow = (recording: RunRecording, status: StatusOfRun) =>
  Effect.gen(function* () {
    const { sections, comparisons, reliability } = resultsNow(recording, status.outcome !== "following")
    const shell = yield* validateArtefact(
      hydratedShell(recording.stub, {
        ...(reliability === null ? {} : { reliability }),
        bt_summary: sections.bt_summary,
        grade_projections: sections.grade_projections,
        costs: sections.costs,
        runner_status: { ...runnerStatusOf(recording, status), observed_events: sections.observed_events },
        ...(status.postRun === undefined ? {} : { post_run: status.postRun })
      })
    )
    return { ...shell, llm_comparisons: comparisons }
  })

const scoredResults = new WeakMap<RunRecording, { readonly key: string; readonly scored: ReturnType<typeof scoreArtefact> }>()

/**
 * The results so far: the hydrator's sections with the anchors' known grades, and, when
 * `withReliability` and CJ has published scores, each essay's SE and the batch's reliability.
 * Those are left out of the saves while following (the split-half refits the batch a hundred
 * times, and a save blocks the follow loop) and computed again only when the comparisons or
 * CJ's results change.
 */
export const resultsNow = (recording: RunRecording, withReliability = true) => {
  const sections = withKnownAnchorGrades(recording.hydrator.sections(), recording.anchorGrades)
  const comparisons = [...recording.hydrator.comparisons]
  if (!withReliability) return { sections, comparisons, reliability: null }
  const key = `${comparisons.length}:${sections.observed_events.assessment_results}`
  const cached = scoredResults.get(recording)
  const scored = cached?.key === key ? cached.scored : scoreArtefact(sections.bt_summary, comparisons, cjIdsOf(recording.stub.inputs.students))
  scoredResults.set(recording, { key, scored })
  const reliability: ArtefactReliability | null = scored?.reliability ?? null
  return { sections: scored === null ? sections : { ...sections, bt_summary: scored.bt_summary }, comparisons, reliability }
}

const REPLAY_ORDER: ReadonlyArray<StoredKind> = ["comparison", "completion", "result", "failure", "invalid"]

interface StoredLine {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly event?: unknown
}

const isStoredLine = (value: unknown): value is StoredLine =>
  Predicate.isObject(value) &&
  Predicate.isString((value as Record<string, unknown>)["topic"]) &&
  Predicate.isNumber((value as Record<string, unknown>)["partition"]) &&
  Predicate.isString((value as Record<string, unknown>)["offset"])

/** One stored event line, or undefined when it is not one (cut short, or not JSON). */
const parseStoredLine = (text: string): StoredLine | undefined => {
  try {
    const line: unknown = JSON.parse(text)
    return isStoredLine(line) ? line : undefined
  } catch {
    return undefined
  }
}

/**
 * Rebuilds a recording from a run folder (`eng5 run attach`): the stored events are applied
 * again in the order they arrived, and reading resumes after the furthest of the saved offsets
 * and the events on disk, so nothing is lost and nothing is stored twice.
 */
/** `artefact`: the run folder's artefact already parsed by the caller (null or absent: read it here). */
export const replayRecording = (folder: string, batchUuid: string, gradeScale: string, start: TopicOffsets, artefact: unknown = null) =>
  Effect.gen(function* () {
    const artefactPath = join(folder, RUN_FILES.artefact)
    const unusable = (what: string) => (error: unknown) =>
      new RunFolderUnusable({
        path: folder,
        message: `${what} (${error instanceof Error ? error.message : String(error)}).`,
        fix: "Attach needs the run folder execute wrote before publishing, readable and writable; fix its permissions or free disk space, then attach again."
      })
    const stubJson = artefact ?? (yield* Effect.tryPromise({ try: () => readArtefactFile(artefactPath), catch: unusable(`${artefactPath} is missing or unreadable`) }))
    const stub = yield* validateArtefact({ ...(stubJson as AssessmentRunArtefact), llm_comparisons: [] })
    const saved = yield* readOffsets(folder)
    const recording = newRecording(folder, batchUuid, gradeScale, stub, saved === undefined ? start : furthestOf(start, saved))
    yield* Effect.tryPromise({ try: () => recording.eventLog.openExisting(), catch: unusable(`The event files in ${folder} cannot be opened`) })
    let unreadable = 0
    for (const kind of REPLAY_ORDER) {
      const lines = yield* Effect.tryPromise({ try: () => readEventLines(folder, kind), catch: unusable(`The ${kind} events in ${folder} cannot be read`) })
      for (const text of lines) {
        const line = parseStoredLine(text)
        if (line === undefined) {
          unreadable += 1
          continue
        }
        recording.positions.pass(line.topic, line.partition, BigInt(line.offset))
        if (kind === "invalid") recording.hydrator.countInvalid()
        else applyStored(recording, kind, line)
      }
    }
    if (unreadable > 0) yield* logWarn("replay_lines_unreadable", { run_folder: folder, lines: unreadable })
    return recording
  })

const applyStored = (recording: RunRecording, kind: EventKind, line: StoredLine) => {
  const classified = classifyParsed(line.topic, line.event, recording.batchUuid)
  if (classified._tag === "Ours" && classified.event.kind === kind) recording.hydrator.apply(recording.essayIds.toStable(classified.event))
  else recording.hydrator.countInvalid()
}
