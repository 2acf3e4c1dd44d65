import { randomUUID } from "node:crypto"
import { Effect, Exit, Layer, Schema } from "effect"
import { sandboxBootstrap } from "../../domain/continueRun.js"
import type { GradeScale } from "../../domain/gradeScales.js"
import type { AnchorEssay } from "../../domain/inventory.js"
import { TOPICS } from "../../domain/platform.js"
import { RequestEnvelope } from "../../domain/requestEnvelope.js"
import type { CjSettings } from "../../sandbox/cjSettings.js"
import { runSimulation } from "../../sandbox/simulateBatch.js"
import { CjAdmin } from "../../services/CjAdmin.js"
import { ContentStore } from "../../services/ContentStore.js"
import { KafkaBus } from "../../services/KafkaBus.js"
import { logInfo, logWarn, RunLog } from "../../services/RunLog.js"
import { memoryContentStore } from "./memoryContentStore.js"
import { MemoryLog } from "./memoryLog.js"
import { sandboxCjAdmin } from "./sandboxCjAdmin.js"

export interface SandboxOptions {
  readonly seed: number
  readonly gradeScale: GradeScale
  /** The local anchors CJ holds (file-name grades). */
  readonly anchors: ReadonlyArray<AnchorEssay>
  readonly instructionsText: string
  /** The instructions the simulated CJ sends its judge with every pair (the dataset's own file). */
  readonly promptInstructions?: string
  readonly errorRate?: number
  readonly duplicateRate?: number
  readonly failBatch?: boolean
  readonly dropResult?: boolean
  /** CJ's workflow settings; CJ's defaults when not given. */
  readonly cjSettings?: CjSettings
  /** Wall time over which the simulated batch is delivered, so progress is visible. */
  readonly deliveryMs?: number
}

const DEFAULT_DELIVERY_MS = 2500

/**
 * The whole platform in-process: Content Service in memory, CJ admin answering from the
 * assets, Kafka in memory with a simulated CJ + LLM Provider behind it. Programs, run folder,
 * artefact and reports are the same as in a live run; only these layers differ.
 */
export const sandboxStack = (options: SandboxOptions) =>
  Layer.unwrap(
    Effect.gen(function* () {
      const layerScope = yield* Effect.scope
      const content = memoryContentStore()
      const log = new MemoryLog()
      const runLog = yield* RunLog
      const anchors = Effect.succeed(options.anchors)

      const simulate = (value: string) =>
        Effect.gen(function* () {
          const decoded = Schema.decodeUnknownExit(RequestEnvelope)(JSON.parse(value))
          if (Exit.isFailure(decoded)) {
            // CJ drops a request it cannot parse, without any event (contracts §2.10)
            yield* logWarn("sandbox_request_dropped", { reason: "request does not match the CJ contract" })
            return
          }
          const request = decoded.value
          const students = request.data.essays_for_cj.map((ref) => ({ essayId: ref.essay_id, text: content.texts().get(ref.text_storage_id) ?? "", isAnchor: false }))
          const missing = students.filter((s) => s.text === "").map((s) => s.essayId)
          if (missing.length > 0) yield* logWarn("sandbox_missing_content", { essays: missing })
          // GUEST flow (no assignment): CJ has no anchors of its own to add (anchor-align sends them as students).
          const ownAnchors = request.data.assignment_id === null ? [] : yield* anchors
          const anchorEssays = ownAnchors.map((a) => ({ essayId: a.anchorId, text: a.text, isAnchor: true, grade: a.grade }))
          const outcome = runSimulation(request, [...students, ...anchorEssays], {
            seed: options.seed,
            gradeScale: options.gradeScale,
            now: () => new Date(),
            newUuid: randomUUID,
            ...(options.promptInstructions === undefined ? {} : { instructions: options.promptInstructions }),
            ...(options.errorRate === undefined ? {} : { errorRate: options.errorRate }),
            ...(options.duplicateRate === undefined ? {} : { duplicateRate: options.duplicateRate }),
            ...(options.failBatch === undefined ? {} : { failBatch: options.failBatch }),
            ...(options.dropResult === undefined ? {} : { dropResult: options.dropResult }),
            ...(options.cjSettings === undefined ? {} : { cjSettings: options.cjSettings })
          })
          yield* logInfo("sandbox_batch_simulated", { pairs: outcome.pairs.length, waves: outcome.waves, end: outcome.workflowEnd, messages: outcome.messages.length, provider: outcome.provider, model: outcome.modelId })
          const pause = Math.floor((options.deliveryMs ?? DEFAULT_DELIVERY_MS) / Math.max(outcome.messages.length, 1))
          for (const message of outcome.messages) {
            log.append({ topic: message.topic, key: message.key, value: JSON.stringify(message.envelope) })
            yield* pause > 0 ? Effect.sleep(pause) : Effect.yieldNow
          }
        }).pipe(Effect.provideService(RunLog, runLog))

      const kafka = KafkaBus.of({
        bootstrap: sandboxBootstrap(options.seed),
        endOffsets: (topics) => Effect.sync(() => log.endOffsets(topics)),
        publish: (message) =>
          Effect.gen(function* () {
            const record = log.append(message)
            if (message.topic === TOPICS.request) yield* Effect.forkIn(simulate(message.value), layerScope)
            return { topic: record.topic, partition: record.partition, offset: record.offset }
          }),
        records: (from) => log.records(from)
      })

      const cj = sandboxCjAdmin({ gradeScale: options.gradeScale, instructionsText: options.instructionsText, anchors })
      return Layer.mergeAll(Layer.succeed(KafkaBus, kafka), Layer.succeed(ContentStore, content.service), Layer.succeed(CjAdmin, cj))
    })
  )
