import { Effect } from "effect"
import { DEFAULT_CJ_SERVICE_URL, DEFAULT_CONTENT_SERVICE_URL, DEFAULT_KAFKA_BOOTSTRAP, NEEDED_TOPICS } from "../domain/platform.js"
import { transportProblemOf } from "../domain/transportProblem.js"
import { CjAdmin } from "../services/CjAdmin.js"
import { NetworkProbe, type NoAnswer } from "../services/NetworkProbe.js"

/** One row of `eng5 doctor`. */
export interface DoctorCheck {
  readonly name: string
  readonly status: "pass" | "fail" | "skip"
  readonly detail: string
  /** What to do when the check fails: the likely cause first. */
  readonly fix: string | null
}

export const pass = (name: string, detail: string): DoctorCheck => ({ name, status: "pass", detail, fix: null })
export const fail = (name: string, detail: string, fix: string): DoctorCheck => ({ name, status: "fail", detail, fix })

/** An id of the Content Service's form that no upload gets (ids are random uuid4 hex). */
const UNKNOWN_STORAGE_ID = "0".repeat(32)

/** Why nothing answered, in the words of its likely cause. */
const noAnswerCause = (answer: NoAnswer, where: string): string => {
  switch (transportProblemOf(answer.code)) {
    case "connection refused":
      return `Nothing listens at ${where}: the service is not running there, or the port is wrong.`
    case "unknown host":
      return `The host of ${where} does not resolve here: a name such as kafka or cj_assessment_service only resolves inside the platform's compose network.`
    case "timeout":
      return `${where} did not answer in time: a firewall, a wrong host, or a service still starting.`
    default:
      return `${where} could not be reached (${answer.code}).`
  }
}

const hostPortOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** The Content Service answers an id it does not hold with its own error body: `{"error": {"error_code": "RESOURCE_NOT_FOUND", …}}`. */
const isContentServiceNotFound = (body: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return false
    const error: unknown = parsed.error
    return typeof error === "object" && error !== null && "error_code" in error && error.error_code === "RESOURCE_NOT_FOUND"
  } catch {
    return false
  }
}

export const contentServiceCheck = (endpoint: string) =>
  Effect.gen(function* () {
    const name = "Content Service"
    const probe = yield* NetworkProbe
    const base = endpoint.trim().replace(/\/+$/, "")
    const url = `${base}/${UNKNOWN_STORAGE_ID}`
    const setting = `--content-service-url (CONTENT_SERVICE_URL; the dev stack's is ${DEFAULT_CONTENT_SERVICE_URL})`
    const answer = yield* probe.http(url)
    if (answer._tag === "NoAnswer") return fail(name, answer.detail, `${noAnswerCause(answer, hostPortOf(base))} Start the Content Service, or fix ${setting}.`)
    if (answer.status === 404 && isContentServiceNotFound(answer.body)) return pass(name, `${base} answers an unknown id with the Content Service's RESOURCE_NOT_FOUND`)
    const said = `HTTP ${answer.status}${answer.contentType === "" ? "" : ` (${answer.contentType.split(";")[0]})`} "${answer.excerpt}"`
    const detail = `GET ${url} answered ${said}, not the Content Service's RESOURCE_NOT_FOUND`
    if (answer.status >= 500) return fail(name, detail, "The Content Service is failing: check its logs, its database and its storage, then run this check again.")
    const cause = !base.endsWith("/v1/content")
      ? `The URL does not end in /v1/content: ${setting} must be the upload endpoint itself, not the service's base URL.`
      : answer.status === 200
        ? "A server that answers every path (a static file server or a proxy) answers there, not the Content Service."
        : "Another service answers at that host and port."
    return fail(name, detail, `${cause} Fix ${setting}.`)
  })

export const cjCheck = (cjServiceUrl: string | undefined) =>
  Effect.gen(function* () {
    const name = "CJ Assessment Service"
    const setting = `--cj-service-url (CJ_SERVICE_URL; the dev stack's is ${DEFAULT_CJ_SERVICE_URL}, the base URL without a path)`
    if (cjServiceUrl === undefined || cjServiceUrl.trim() === "") return fail(name, "no URL configured", `Pass ${setting}.`)
    const base = cjServiceUrl.trim().replace(/\/+$/, "")
    const probe = yield* NetworkProbe
    const health = yield* probe.http(`${base}/healthz`)
    if (health._tag === "NoAnswer") return fail(name, health.detail, `${noAnswerCause(health, hostPortOf(base))} Start CJ, or fix ${setting}.`)
    const cj = yield* CjAdmin
    const call = yield* Effect.result(cj.listInstructions({ page: 1, pageSize: 1 }))
    if (call._tag === "Success") return pass(name, `${base} answered its authenticated admin call: ${call.success.total} instruction set${call.success.total === 1 ? "" : "s"}`)
    const failure = call.failure
    switch (failure._tag) {
      case "AuthUnavailable":
        return fail(name, `no admin token to make CJ's authenticated admin call (${failure.message})`, failure.fix)
      case "AuthRejected":
      case "CjCatchAllError":
      case "InvalidFlag":
        return fail(name, failure.message, failure.fix)
      case "ServiceFailure":
        return fail(
          name,
          failure.message,
          `Something other than CJ's admin API answers at ${base}: the URL names another service or has a path, or CJ runs with its admin endpoints off (CJ_ASSESSMENT_SERVICE_ENABLE_ADMIN_ENDPOINTS). Fix ${setting}.`
        )
      default:
        return fail(name, failure.message, `CJ answered its health check but not its admin API: check CJ's logs, or fix ${setting}.`)
    }
  })

/** `host:port[,host:port]` as KAFKA_BOOTSTRAP_SERVERS spells it. */
export const parseBootstrap = (bootstrap: string): ReadonlyArray<{ host: string; port: number }> =>
  bootstrap
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const colon = entry.lastIndexOf(":")
      return colon === -1 ? { host: entry, port: 9092 } : { host: entry.slice(0, colon).replace(/^\[|\]$/g, ""), port: Number(entry.slice(colon + 1)) }
    })

export const kafkaCheck = (bootstrap: string) =>
  Effect.gen(function* () {
    const name = "Kafka"
    const setting = `--kafka-bootstrap (KAFKA_BOOTSTRAP_SERVERS; from the host the dev stack's is ${DEFAULT_KAFKA_BOOTSTRAP})`
    const servers = parseBootstrap(bootstrap)
    if (servers.length === 0 || servers.some((s) => !Number.isInteger(s.port))) return fail(name, `"${bootstrap}" is not a host:port list`, `Pass ${setting} as host:port[,host:port].`)
    const probe = yield* NetworkProbe
    const answer = yield* probe.kafka(servers)
    switch (answer._tag) {
      case "NoAnswer":
        return fail(name, answer.detail, `${noAnswerCause(answer, answer.server)} Start Kafka, or fix ${setting}.`)
      case "NotKafka":
        return fail(
          name,
          answer.excerpt === ""
            ? `${answer.server} took the connection but gave no answer to Kafka's ApiVersions request (a broker answers at once)`
            : `${answer.server} answered Kafka's ApiVersions request with "${answer.excerpt}", not in Kafka's protocol`,
          `${answer.excerpt.startsWith("HTTP/") ? "An HTTP service" : "Another service (an HTTP server waits silently like this)"} listens at ${answer.server}, not a Kafka broker: fix ${setting}.`
        )
      case "Kafka": {
        const missing = NEEDED_TOPICS.filter((topic) => !answer.topics.includes(topic))
        const about = `${answer.server} speaks Kafka (${answer.apis} APIs; brokers ${answer.brokers.join(", ")})`
        if (missing.length === 0) return pass(name, `${about}; the request topic and the ${NEEDED_TOPICS.length - 1} result topics exist`)
        return fail(
          name,
          `${about}, but ${missing.length === 1 ? "a topic eng5 needs is" : "topics eng5 needs are"} missing: ${missing.join(", ")}`,
          `This broker is not the platform's, or the platform has not created its topics yet (its services create them when they start): start the platform against this broker, or fix ${setting}.`
        )
      }
    }
  })
