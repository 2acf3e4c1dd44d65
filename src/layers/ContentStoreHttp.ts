import { Effect, Layer } from "effect"
import { ContentTooLarge } from "../errors.js"
import { ContentStore, type ContentStoreError } from "../services/ContentStore.js"
import { CorrelationId } from "../services/HttpContext.js"
import { errorDetail } from "./http/cjPayloads.js"
import { unexpectedAnswer, unreachable } from "./http/failures.js"
import { DEFAULT_RETRY, type HttpAnswer, makeHttpClient, type RetryPolicy } from "./http/httpClient.js"

export interface ContentStoreHttpConfig {
  /** The upload endpoint itself (contracts §4), e.g. http://localhost:8001/v1/content. */
  readonly endpoint: string
  /** Connections kept to the service: the upload concurrency. */
  readonly connections?: number
  /** Per attempt. */
  readonly timeoutMillis?: number
  readonly retry?: RetryPolicy
}

const SERVICE = "Content Service"
const isServerError = (status: number) => status >= 500 && status <= 599
const STORAGE_ID = /^[0-9a-f]{32}$/

const UNREACHABLE_FIX =
  "Check --content-service-url (or CONTENT_SERVICE_URL; the dev stack uses http://localhost:8001/v1/content) and that the Content Service is running; `eng5 doctor` checks it."
const WRONG_SERVICE_FIX = "Check that --content-service-url is the Content Service's upload endpoint (…/v1/content), not its base URL or another service."

const parseStorageId = (answer: HttpAnswer): string | undefined => {
  try {
    const body: unknown = JSON.parse(answer.text)
    if (typeof body === "object" && body !== null && "storage_id" in body && typeof body.storage_id === "string" && body.storage_id.trim() !== "") {
      return body.storage_id.trim()
    }
  } catch {
    return undefined
  }
  return undefined
}

/** Quart's default MAX_CONTENT_LENGTH, which the platform's Content Service keeps. */
export const CONTENT_SERVICE_BODY_LIMIT = "16 MiB"

const tooLarge = (bytes: number) =>
  new ContentTooLarge({
    essay: null,
    bytes,
    message: `The Content Service refused a ${bytes.toLocaleString("en")}-byte essay text as too large (HTTP 413; its default limit is ${CONTENT_SERVICE_BODY_LIMIT}).`,
    fix: "Shorten or remove that essay, or raise the Content Service's request size limit (MAX_CONTENT_LENGTH); lower --max-text-chars to refuse such essays at plan time."
  })

const storageIdOf = (answer: HttpAnswer, bytes: number): Effect.Effect<string, ContentStoreError> => {
  if (answer.status === 413) return Effect.fail(tooLarge(bytes))
  if (answer.status !== 201 && answer.status !== 200) {
    const fix = answer.status >= 500 ? "The Content Service keeps failing; check its logs and health, then run again (finished uploads are cached)." : WRONG_SERVICE_FIX
    return Effect.fail(unexpectedAnswer(SERVICE, "an upload", `HTTP ${answer.status}: ${errorDetail(answer.text)}`, fix))
  }
  const storageId = parseStorageId(answer)
  return storageId === undefined
    ? Effect.fail(unexpectedAnswer(SERVICE, "an upload", `HTTP ${answer.status} without a storage_id in JSON (${answer.text.replace(/\s+/g, " ").slice(0, 120)})`, WRONG_SERVICE_FIX))
    : Effect.succeed(storageId)
}

/**
 * The Content Service over undici. Uploads are retried on 5xx, resets and timeouts (a
 * repeated upload only leaves an unused copy; the service never deduplicates), never on 4xx.
 */
export const contentStoreHttp = (config: ContentStoreHttpConfig) =>
  Layer.effect(
    ContentStore,
    Effect.gen(function* () {
      const http = yield* makeHttpClient(config.connections === undefined ? {} : { connections: config.connections })
      const endpoint = config.endpoint.trim().replace(/\/+$/, "")
      const retry = config.retry ?? DEFAULT_RETRY
      const timeoutMillis = config.timeoutMillis ?? 60_000

      const send = (method: "POST" | "HEAD" | "GET", url: string, body?: string) =>
        Effect.withFiber((fiber) => {
          const correlationId = fiber.getRef(CorrelationId)
          return http
            .send({
              service: SERVICE,
              method,
              url,
              headers: {
                ...(body === undefined ? {} : { "content-type": "application/octet-stream" }),
                ...(correlationId === undefined ? {} : { "x-correlation-id": correlationId })
              },
              ...(body === undefined ? {} : { body }),
              timeoutMillis,
              retryStatus: isServerError,
              retry
            })
            .pipe(Effect.mapError((error) => unreachable(SERVICE, url, error, UNREACHABLE_FIX)))
        })

      // Plain combinators rather than a generator: this is the hot path of a 1,000-essay upload.
      const upload = (text: string): Effect.Effect<string, ContentStoreError> =>
        Effect.flatMap(send("POST", endpoint, text), (answer) => storageIdOf(answer, Buffer.byteLength(text)))

      /** HEAD first; a service that does not answer HEAD (405/501) is asked with GET. */
      const exists = (storageId: string): Effect.Effect<boolean, ContentStoreError> =>
        Effect.gen(function* () {
          // The service answers 400 to anything but 32 hex digits: such an id cannot exist there.
          if (!STORAGE_ID.test(storageId)) return false
          const url = `${endpoint}/${storageId}`
          let answer = yield* send("HEAD", url)
          if (answer.status === 405 || answer.status === 501) answer = yield* send("GET", url)
          if (answer.status === 200) return true
          if (answer.status === 404 || answer.status === 400) return false
          return yield* unexpectedAnswer(SERVICE, `an existence check of ${storageId}`, `HTTP ${answer.status}: ${errorDetail(answer.text)}`, WRONG_SERVICE_FIX)
        })

      return ContentStore.of({ endpoint: config.endpoint, upload, exists })
    })
  )
