import { Effect, Layer, Redacted } from "effect"
import { makeRedactor } from "../domain/redact.js"
import { AssignmentNotFound, AuthRejected, CjCatchAllError, InvalidFlag } from "../errors.js"
import { AdminAuth } from "../services/AdminAuth.js"
import { type AnchorRegistration, CjAdmin, type CjAdminError } from "../services/CjAdmin.js"
import { CorrelationId } from "../services/HttpContext.js"
import { decodeAnchorSummary, decodeAssignment, decodeInstructionsPage, decodeRegistration, type Decoded, errorDetail, isCatchAllBody } from "./http/cjPayloads.js"
import { correlationHint, unexpectedAnswer, unreachable } from "./http/failures.js"
import { DEFAULT_RETRY, type HttpAnswer, makeHttpClient, type RetryPolicy } from "./http/httpClient.js"

export interface CjAdminHttpConfig {
  /** CJ's base URL; undefined makes every call fail with a pointer to --cj-service-url. */
  readonly baseUrl: string | undefined
  /** Per attempt, admin GETs (the old runner used 15 s). */
  readonly timeoutMillis?: number
  /** Per attempt, anchor registration (CJ stores the text in the Content Service first). */
  readonly registerTimeoutMillis?: number
  readonly retry?: RetryPolicy
}

const SERVICE = "CJ Assessment Service"
/** Gateway and overload answers only: CJ's 500 is deterministic (see contracts §3.4). */
const isTransientStatus = (status: number) => status === 502 || status === 503 || status === 504

const AUTH_FIX =
  "Run `eng5 auth verify` to see the token's claims and test them against CJ. Set HULEEDU_SERVICE_ACCOUNT_TOKEN (or HULEEDU_ADMIN_TOKEN) to an admin token CJ accepts; for a dev stack, set JWT_SECRET_KEY (and JWT_ISSUER/JWT_AUDIENCE if changed) to CJ's values."
const UNREACHABLE_FIX =
  "Check --cj-service-url (or CJ_SERVICE_URL; the dev stack publishes CJ on http://localhost:9095) and that CJ is running; `eng5 doctor` checks every service."
const notFoundFix = (assignmentId: string) =>
  `Check the id (\`eng5 assignment list\` shows what CJ holds). If it is right, an admin must create its instructions with CJ's POST /admin/v1/assessment-instructions; if CJ has none at all, its admin endpoints may be off (CJ_ASSESSMENT_SERVICE_ENABLE_ADMIN_ENDPOINTS). Assignment: ${assignmentId}.`

interface Call<T> {
  readonly what: string
  readonly method: "GET" | "POST"
  readonly path: string
  readonly body?: string
  readonly timeoutMillis: number
  /** Registration works without a token; admin calls do not. */
  readonly tokenRequired: boolean
  readonly assignmentId?: string
  readonly decode: (text: string) => Decoded<T>
}

const failureFor = (call: Call<unknown>, url: string, answer: HttpAnswer, redact: (s: string) => string, correlationId: string | undefined): CjAdminError => {
  const detail = redact(errorDetail(answer.text))
  const hint = correlationHint(correlationId)
  if (answer.status === 401 || answer.status === 403) {
    return new AuthRejected({ status: answer.status, message: `CJ refused eng5's admin token (HTTP ${answer.status} from ${url}) for ${call.what}: ${detail}.`, fix: AUTH_FIX })
  }
  if (answer.status === 404 && call.assignmentId !== undefined) {
    return new AssignmentNotFound({
      assignmentId: call.assignmentId,
      message: `CJ has no assessment instructions for assignment ${call.assignmentId} (HTTP 404 to ${call.what}).`,
      fix: notFoundFix(call.assignmentId)
    })
  }
  if (answer.status === 500 && isCatchAllBody(answer.text)) {
    return new CjCatchAllError({
      body: redact(answer.text.slice(0, 300)),
      message: `CJ answered ${call.what} with its generic 500 "Internal server error". Production CJ answers this way when it rejects the token, does not know the assignment, or has its admin endpoints switched off.`,
      fix: `Run \`eng5 auth verify\` (shows whether CJ accepts the token)${call.assignmentId === undefined ? "" : ` and \`eng5 assignment show ${call.assignmentId}\``}.${hint}`
    })
  }
  return unexpectedAnswer(SERVICE, call.what, `HTTP ${answer.status} from ${url}: "${detail}"`, `Check that CJ is healthy (\`eng5 doctor\`).${hint}`)
}

export const cjAdminHttp = (config: CjAdminHttpConfig) =>
  Layer.effect(
    CjAdmin,
    Effect.gen(function* () {
      const auth = yield* AdminAuth
      const http = yield* makeHttpClient({})
      const retry = config.retry ?? DEFAULT_RETRY
      const adminTimeout = config.timeoutMillis ?? 15_000
      const registerTimeout = config.registerTimeoutMillis ?? 60_000

      const send = <T>(call: Call<T>): Effect.Effect<T, CjAdminError> =>
        Effect.gen(function* () {
          if (config.baseUrl === undefined || config.baseUrl.trim() === "") {
            return yield* new InvalidFlag({
              flag: "--cj-service-url",
              message: `${call.what} needs CJ's URL, and none is configured.`,
              fix: "Pass --cj-service-url URL or set CJ_SERVICE_URL (the dev stack publishes CJ on http://localhost:9095)."
            })
          }
          const token = call.tokenRequired ? yield* auth.token : yield* Effect.orElseSucceed(auth.token, () => undefined)
          const secret = token === undefined ? undefined : Redacted.value(token.value)
          const redact = makeRedactor(secret === undefined ? [] : [secret])
          const correlationId = yield* CorrelationId
          const url = `${config.baseUrl.trim().replace(/\/+$/, "")}${call.path}`
          const answer = yield* http
            .send({
              service: SERVICE,
              method: call.method,
              url,
              headers: {
                "content-type": "application/json",
                accept: "application/json",
                ...(secret === undefined ? {} : { authorization: `Bearer ${secret}` }),
                ...(correlationId === undefined ? {} : { "x-correlation-id": correlationId })
              },
              ...(call.body === undefined ? {} : { body: call.body }),
              timeoutMillis: call.timeoutMillis,
              retryStatus: isTransientStatus,
              retry
            })
            .pipe(Effect.mapError((error) => unreachable(SERVICE, url, error, UNREACHABLE_FIX)))
          if (answer.status < 200 || answer.status > 299) return yield* failureFor(call, url, answer, redact, correlationId)
          const decoded = call.decode(answer.text)
          if (!decoded.ok) {
            return yield* unexpectedAnswer(
              SERVICE,
              call.what,
              `${decoded.problem} (${redact(answer.text.replace(/\s+/g, " ").slice(0, 200))})`,
              `Check that --cj-service-url points at the CJ Assessment Service and that eng5 is up to date.${correlationHint(correlationId)}`
            )
          }
          return decoded.value
        })

      return CjAdmin.of({
        getAssignment: (assignmentId) =>
          send({
            what: `the instructions request for assignment ${assignmentId}`,
            method: "GET",
            path: `/admin/v1/assessment-instructions/assignment/${encodeURIComponent(assignmentId)}`,
            timeoutMillis: adminTimeout,
            tokenRequired: true,
            assignmentId,
            decode: decodeAssignment
          }),
        getAnchorSummary: (assignmentId) =>
          send({
            what: `the anchor summary request for assignment ${assignmentId}`,
            method: "GET",
            path: `/admin/v1/anchors/assignment/${encodeURIComponent(assignmentId)}`,
            timeoutMillis: adminTimeout,
            tokenRequired: true,
            assignmentId,
            decode: decodeAnchorSummary
          }),
        listInstructions: ({ page, pageSize }) =>
          send({
            what: "the instructions list request",
            method: "GET",
            path: `/admin/v1/assessment-instructions?page=${page}&page_size=${pageSize}`,
            timeoutMillis: adminTimeout,
            tokenRequired: true,
            decode: decodeInstructionsPage
          }),
        registerAnchor: (registration: AnchorRegistration) =>
          send({
            what: `the registration of anchor ${registration.anchorLabel}`,
            method: "POST",
            path: "/api/v1/anchors/register",
            body: JSON.stringify({
              assignment_id: registration.assignmentId,
              grade: registration.grade,
              anchor_label: registration.anchorLabel,
              essay_text: registration.essayText
            }),
            timeoutMillis: registerTimeout,
            tokenRequired: false,
            decode: decodeRegistration
          })
      })
    })
  )
