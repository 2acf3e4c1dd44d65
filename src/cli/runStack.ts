import { Layer } from "effect"
import { kafkaBusKafkajs } from "../layers/KafkaBusKafkajs.js"
import { cjAdminLive, contentStoreLive } from "../layers/liveStack.js"
import { type SandboxKnobs, sandboxForRun } from "../layers/sandbox/sandboxForRun.js"
import type { RunOptions } from "../programs/runSettings.js"
import type { RunLog } from "../services/RunLog.js"
import { SANDBOX_ASSIGNMENT_ID } from "./sandboxFlags.js"

export interface LiveStackFlags {
  readonly cjServiceUrl: string | undefined
  readonly contentServiceUrl: string
  readonly uploadConcurrency: number
  readonly kafkaBootstrap: string
  readonly kafkaClientId: string
}

/** The real platform: CJ and the Content Service over HTTP, Kafka through kafkajs. */
export const liveRunStack = <E, R>(flags: LiveStackFlags, base: Layer.Layer<RunLog | R, E>) =>
  Layer.mergeAll(
    kafkaBusKafkajs({ bootstrap: flags.kafkaBootstrap, clientId: flags.kafkaClientId }).pipe(Layer.provideMerge(base)),
    cjAdminLive(flags),
    contentStoreLive(flags)
  )

/** The in-process sandbox in place of every service; the run itself is unchanged. */
export const sandboxRunStack = <E, R>(run: RunOptions, knobs: SandboxKnobs, base: Layer.Layer<RunLog | R, E>) =>
  Layer.unwrap(sandboxForRun(run, knobs)).pipe(Layer.provideMerge(base))

/** Sandbox runs need no registered assignment: the sandbox plays any id, and this one when none is given. */
export const withSandboxAssignment = (run: RunOptions): RunOptions =>
  run.assignmentId === undefined ? { ...run, assignmentId: SANDBOX_ASSIGNMENT_ID } : run

/** The sandbox's storage ids live only as long as the process: keep them out of the live upload cache. */
export const SANDBOX_UPLOAD_CACHE_FILE = "content_upload_cache.sandbox.json"
