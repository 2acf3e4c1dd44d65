import { Flags } from "@oclif/core"
import type { SandboxRecord } from "../domain/artefact.js"
import { integerFlag } from "./flagValues.js"
import { cjSettingFlags, type SandboxKnobs } from "../layers/sandbox/sandboxForRun.js"
import { CJ_DEFAULT_SETTINGS } from "../sandbox/cjSettings.js"

/** Flags of the in-process sandbox stack (`--sandbox`): the platform simulated, no services needed. */
export const sandboxFlags = {
  sandbox: Flags.boolean({
    description: "Run against the in-process sandbox: Content Service, CJ and Kafka simulated, nothing leaves this machine. The sandbox always follows its batch to the end, with or without --await-completion.",
    default: false,
    helpGroup: "SANDBOX"
  }),
  seed: integerFlag({ description: "Sandbox seed: the same seed and data give the same comparisons and results.", default: 1, example: 7, helpGroup: "SANDBOX" }),
  "sandbox-error-rate": Flags.string({ description: "Share of comparisons the sandbox answers with an error callback, 0–1.", helpGroup: "SANDBOX" }),
  "sandbox-duplicate-rate": Flags.string({ description: "Share of callbacks the sandbox delivers twice, 0–1.", helpGroup: "SANDBOX" }),
  "sandbox-fail-batch": Flags.boolean({ description: "The sandbox fails the batch on CJ's failure topic.", default: false, helpGroup: "SANDBOX" }),
  "sandbox-drop-result": Flags.boolean({ description: "The sandbox completes the batch but never publishes the result.", default: false, helpGroup: "SANDBOX" }),
  "sandbox-max-pairwise-comparisons": Flags.string({
    description: "CJ's MAX_PAIRWISE_COMPARISONS: the most comparisons the sandbox CJ makes for a batch (CJ's default 120); --max-comparisons can only lower it.",
    env: "CJ_ASSESSMENT_SERVICE_MAX_PAIRWISE_COMPARISONS",
    helpGroup: "SANDBOX"
  }),
  "sandbox-min-comparisons-for-stability-check": Flags.string({
    description: "CJ's MIN_COMPARISONS_FOR_STABILITY_CHECK: callbacks before the sandbox CJ may stop on stable scores (default 12).",
    env: "CJ_ASSESSMENT_SERVICE_MIN_COMPARISONS_FOR_STABILITY_CHECK",
    helpGroup: "SANDBOX"
  }),
  "sandbox-score-stability-threshold": Flags.string({
    description: "CJ's SCORE_STABILITY_THRESHOLD: the largest BT score change between iterations that counts as stable (default 0.025).",
    env: "CJ_ASSESSMENT_SERVICE_SCORE_STABILITY_THRESHOLD",
    helpGroup: "SANDBOX"
  }),
  "sandbox-min-success-rate-threshold": Flags.string({
    description: "CJ's MIN_SUCCESS_RATE_THRESHOLD: below this share of successful comparisons the sandbox CJ fails the batch (default 0.8).",
    env: "CJ_ASSESSMENT_SERVICE_MIN_SUCCESS_RATE_THRESHOLD",
    helpGroup: "SANDBOX"
  }),
  "sandbox-batch-monitor-interval-minutes": Flags.string({
    description: "CJ's BATCH_MONITOR_INTERVAL_MINUTES: how often the batch monitor sweeps up a stalled batch (default 5; simulated time).",
    env: "CJ_ASSESSMENT_SERVICE_BATCH_MONITOR_INTERVAL_MINUTES",
    helpGroup: "SANDBOX"
  })
}

type SandboxFlagValues = { readonly seed: number; readonly "sandbox-fail-batch": boolean; readonly "sandbox-drop-result": boolean } & {
  readonly [K in "sandbox-error-rate" | "sandbox-duplicate-rate" | keyof typeof cjSettingFlags]?: string | undefined
}

export const sandboxKnobsFrom = (flags: SandboxFlagValues): SandboxKnobs => ({
  seed: flags.seed,
  errorRate: flags["sandbox-error-rate"],
  duplicateRate: flags["sandbox-duplicate-rate"],
  failBatch: flags["sandbox-fail-batch"],
  dropResult: flags["sandbox-drop-result"],
  cj: Object.fromEntries(Object.keys(cjSettingFlags).flatMap((flag) => {
    const value = flags[flag as keyof typeof cjSettingFlags]
    return value === undefined ? [] : [[flag, value]]
  }))
})

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** What the artefact and run.json record of a rehearsal (values already checked by the sandbox stack, which fails first on a bad one). */
export const sandboxRecordOf = (knobs: SandboxKnobs): SandboxRecord => {
  const settings: Record<string, number> = { ...CJ_DEFAULT_SETTINGS }
  for (const [flag, value] of Object.entries(knobs.cj ?? {})) settings[cjSettingFlags[flag as keyof typeof cjSettingFlags]] = Number(value)
  return {
    seed: knobs.seed,
    judge: "eng5's simulated judge: a Bradley–Terry judge on text measures (docs/sandbox.md)",
    cj_settings: Object.fromEntries(Object.entries(settings).map(([key, value]) => [snakeCase(key), value])),
    error_rate: Number(knobs.errorRate ?? 0),
    duplicate_rate: Number(knobs.duplicateRate ?? 0),
    fail_batch: knobs.failBatch,
    drop_result: knobs.dropResult
  }
}

/** The assignment the sandbox plays when none is given (the sandbox accepts every id). */
export const SANDBOX_ASSIGNMENT_ID = "5a4db0c5-0000-4000-8000-000000000001"
