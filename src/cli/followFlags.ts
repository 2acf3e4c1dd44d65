import { Flags } from "@oclif/core"
import { FOLLOW_DEFAULTS, type FollowSettings } from "../programs/collect.js"
import { kafkaBootstrapFlag } from "./serviceFlags.js"

/** Platform default for `--kafka-client-id` (contracts §1). */
export const DEFAULT_KAFKA_CLIENT_ID = "eng5-np-runner"
const MAX_WAIT_SECONDS = 7 * 24 * 3600

const seconds = (flag: string, description: string, defaultSeconds: number) =>
  Flags.custom<number>({
    description,
    default: defaultSeconds,
    helpGroup: "FOLLOW",
    parse: async (input) => {
      const value = Number(input)
      if (!Number.isFinite(value) || value <= 0 || value > MAX_WAIT_SECONDS) {
        throw new Error(`${flag} ${input} is not a number of seconds between 0 and ${MAX_WAIT_SECONDS} (7 days).`)
      }
      return value
    }
  })()

/** How long to follow a batch (execute --await-completion, attach). */
export const followFlags = {
  "completion-timeout": seconds("--completion-timeout", "Seconds to wait for CJ to complete the batch; then exit 4 with what arrived.", 1800),
  "result-grace": seconds(
    "--result-grace",
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
