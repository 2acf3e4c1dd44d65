import { Flags, type Config, type Interfaces } from "@oclif/core"
import { type Effect, Layer } from "effect"
import type { BuildInfo } from "../domain/buildArtefact.js"
import type { InvalidFlag } from "../errors.js"
import type { ExecuteOptions } from "../programs/execute.js"
import type { PreflightMode } from "../programs/preflight.js"
import type { PreparedRun } from "../programs/prepareRun.js"
import type { RunReport } from "../programs/runReport.js"
import type { RunOptions } from "../programs/runSettings.js"
import type { CjAdmin } from "../services/CjAdmin.js"
import type { ContentStore } from "../services/ContentStore.js"
import type { KafkaBus } from "../services/KafkaBus.js"
import type { PostRunHook, PostRunHooks } from "../services/PostRunHooks.js"
import type { BaseServices } from "./Eng5Command.js"
import { optionalNumberFlag } from "./flagValues.js"
import { followFlags, followSettings, kafkaFlags } from "./followFlags.js"
import { checkSandboxHooks, postRunFlags } from "./postRunFlags.js"
import { postRunHooksFor } from "./postRunHooks.js"
import { runFlags, toRunOptions } from "./runFlags.js"
import { liveRunStack, SANDBOX_UPLOAD_CACHE_FILE, sandboxRunStack, withSandboxAssignment } from "./runStack.js"
import { sandboxFlags, sandboxKnobsFrom, sandboxRecordOf } from "./sandboxFlags.js"
import { uploadFlags } from "./uploadFlags.js"

/** Every flag a run mode shares with execute: dataset, batch, LLM, services, upload, Kafka, following, sandbox, post-run. */
export const modeFlags = {
  ...runFlags,
  ...uploadFlags,
  ...kafkaFlags,
  ...followFlags,
  ...sandboxFlags,
  ...postRunFlags,
  "await-completion": Flags.boolean({ description: "Follow the batch until CJ completes it (always, with --sandbox).", default: false, allowNo: true, helpGroup: "FOLLOW" }),
  kafka: Flags.boolean({ description: "Publish the request (--no-kafka: upload and write it only).", default: true, allowNo: true, helpGroup: "SERVICES" }),
  "max-cost-usd": optionalNumberFlag({
    description: "Refuse to upload or publish when the estimated cost may exceed this many US dollars (exit 2).",
    min: 0,
    unit: "of US dollars",
    example: 5,
    helpGroup: "BATCH"
  })
}

/** The parsed mode flags, plus the base command's --verbose. */
export type ModeFlags = Interfaces.InferredFlags<typeof modeFlags> & { readonly verbose: boolean }

export interface ModeSetupOptions {
  /** GUEST flow: no assignment is sent, and the sandbox plays none (anchor-align). */
  readonly guest?: boolean
  /** Hooks the mode always runs after a completed batch (its own report), besides those --post-run names. */
  readonly hooks?: ReadonlyArray<PostRunHook>
}

/** The services a mode's program runs on: what `setUpModeRun`'s layer provides. */
export type ModeServices = BaseServices | CjAdmin | ContentStore | KafkaBus | PostRunHooks

/**
 * A mode's program for one batch, declared on its command (`static modeProgram`) so that
 * `eng5 experiment` can run the mode's batches in-process exactly as `eng5 run <mode>` runs one.
 */
export interface ModeProgram {
  readonly setup?: ModeSetupOptions
  /** Which CJ preflight the mode's own prepareRun does (execute's by default). */
  readonly preflight?: PreflightMode
  /** The flags as parsed (a plugin mode reads its own flags from them). */
  readonly program: (execute: ExecuteOptions, build: BuildInfo, flags: ModeFlags & Readonly<Record<string, unknown>>) => Effect.Effect<RunReport, unknown, ModeServices>
  /** What the mode sends, from a prepared run (its essays): for experiment plan's cost and forecast. The prepared run itself when absent. */
  readonly shape?: (prepared: PreparedRun) => PreparedRun
  /** The mode's own refusal of run options, checked before anything is read. */
  readonly check?: (run: RunOptions) => InvalidFlag | undefined
}

export interface ModeSetupContext {
  /** Progress and the run log for this batch. */
  readonly base: Layer.Layer<BaseServices>
  readonly config: Config
  readonly warn: (line: string) => void
  /** stderr is a terminal that can redraw: the progress line is redrawn every second rather than every 10 s. */
  readonly terminal: boolean
}

/** Run options, execute options and the layer (live or sandbox, with the selected post-run hooks) for parsed mode flags. */
export const setUpModeRun = async (flags: ModeFlags, options: ModeSetupOptions, context: ModeSetupContext) => {
  const sandbox = flags.sandbox
  checkSandboxHooks(flags)
  const parsed = toRunOptions(flags)
  const run: RunOptions = sandbox && options.guest !== true ? withSandboxAssignment(parsed) : parsed
  const knobs = sandboxKnobsFrom(flags)
  const stack = sandbox
    ? sandboxRunStack(run, knobs, context.base)
    : liveRunStack(
        { cjServiceUrl: flags["cj-service-url"], contentServiceUrl: run.contentServiceUrl, uploadConcurrency: flags["upload-concurrency"], kafkaBootstrap: flags["kafka-bootstrap"], kafkaClientId: flags["kafka-client-id"] },
        context.base
      )
  const hooks = await postRunHooksFor(context.config, flags, process.env, context.warn, options.hooks)
  if (flags["await-completion"] && !flags.kafka) context.warn("--await-completion ignored: --no-kafka publishes nothing to follow.")
  const execute: ExecuteOptions = {
    run,
    publish: flags.kafka,
    kafkaClientId: flags["kafka-client-id"],
    // The sandbox's CJ lives in this process: a batch it does not follow could never be finished or attached.
    awaitCompletion: flags["await-completion"] || sandbox,
    follow: followSettings(flags, context.terminal),
    ...(sandbox ? { sandbox: sandboxRecordOf(knobs) } : {}),
    ...(flags["max-cost-usd"] === undefined ? {} : { maxCostUsd: flags["max-cost-usd"] }),
    upload: {
      concurrency: flags["upload-concurrency"],
      forceReupload: flags["force-reupload"] || sandbox,
      verifyContent: flags["verify-content"],
      ...(sandbox ? { cacheFile: SANDBOX_UPLOAD_CACHE_FILE } : {})
    }
  }
  return { run, execute, layer: Layer.mergeAll(stack, hooks) }
}
