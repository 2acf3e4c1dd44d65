import { Flags } from "@oclif/core"
import { DEFAULT_CJ_SERVICE_URL, DEFAULT_CONTENT_SERVICE_URL, DEFAULT_KAFKA_BOOTSTRAP } from "../domain/platform.js"

/** The service flags of every command (run modes, admin commands, doctor): one default each, the platform's env names. */
export const cjServiceUrlFlag = Flags.string({
  description: "CJ Assessment Service base URL.",
  env: "CJ_SERVICE_URL",
  default: DEFAULT_CJ_SERVICE_URL,
  helpGroup: "SERVICES"
})

export const contentServiceUrlFlag = Flags.string({
  description: "Content Service upload endpoint (full URL).",
  env: "CONTENT_SERVICE_URL",
  default: DEFAULT_CONTENT_SERVICE_URL,
  helpGroup: "SERVICES"
})

export const kafkaBootstrapFlag = Flags.string({
  description: "Kafka bootstrap servers, host:port[,host:port].",
  env: "KAFKA_BOOTSTRAP_SERVERS",
  default: DEFAULT_KAFKA_BOOTSTRAP,
  helpGroup: "SERVICES"
})
