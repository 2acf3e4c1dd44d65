import { Flags } from "@oclif/core"
import { FOLLOW_DEFAULTS, type FollowSettings } from "../programs/collect.js"
import { numberFlag } from "./flagValues.js"
import { kafkaBootstrapFlag } from "./serviceFlags.js"

/** Platform default for `--kafka-client-id` (contracts §1). */
export const DEFAULT_KAFKA_CLIENT_ID = "eng5-np-runner"
const MAX_WAIT_SECONDS = 7 * 24 * 3600

const seconds = (description: string, defaultSeconds: number) =>
  numberFlag({ description, default: defaultSeconds, min: 0, exclusiveMin: true, max: MAX_WAIT_SECONDS, unit: "of seconds", example: 3600, helpGroup: "FOLLOW" })

/** How long to follow a batch (execute --await-completion, attach). */
export const followFlags = {
  "completion-timeout": seconds("Seconds to wait for CJ to complete the batch; then exit 4 with what arrived.", 1800),
  "result-grace": seconds(
    "Seconds to wait for CJ's assessment result after its completion event; then exit 4 without it.",
    FOLLOW_DEFAULTS.resultGraceMs / 1000
  )
}

export const kafkaFlags = {
  "kafka-bootstrap": kafkaBootstrapFlag,
  "kafka-client-id": Flags.string({ description: "Kafka client id (also names eng5's consumer groups).", default: DEFAULT_KAFKA_CLIENT_ID, helpGroup: "SERVICES" })
}

/** On a terminal the progress line is redrawn every second; in a log, a line every 10 s is enough. */
export const followSettings = (flags: { readonly "completion-timeout": number; readonly "result-grace": number }, terminal: boolean): FollowSettings => ({
  ...FOLLOW_DEFAULTS,
  completionTimeoutMs: flags["completion-timeout"] * 1000,
  resultGraceMs: flags["result-grace"] * 1000,
  noteEveryMs: terminal ? 1_000 : 10_000
})
