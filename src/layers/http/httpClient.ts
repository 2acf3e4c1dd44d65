import type { IncomingHttpHeaders } from "node:http"
import { Data, Effect } from "effect"
import { Agent, request } from "undici"
import { errorCodeOf, type TransportProblem, transportProblemOf } from "../../domain/transportProblem.js"
import { RetryObserver } from "../../services/HttpContext.js"

/** Attempts (the first included) and jittered exponential backoff between them. */
export interface RetryPolicy {
  readonly maxAttempts: number
  readonly baseDelayMillis: number
  readonly maxDelayMillis: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMillis: 250, maxDelayMillis: 5_000 }

export interface HttpCall {
  /** Service name for messages and retry reports, e.g. "Content Service". */
  readonly service: string
  readonly method: "GET" | "HEAD" | "POST"
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** Per attempt: undici's wait for the answer's headers, and for each part of its body. */
  readonly timeoutMillis: number
  /** Statuses worth another attempt; the last answer is returned when attempts run out. */
  readonly retryStatus: (status: number) => boolean
  readonly retry: RetryPolicy
}

export interface HttpAnswer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly text: string
}


/** No HTTP answer at all, after every allowed attempt. */
export class HttpTransportError extends Data.TaggedError("HttpTransportError")<{
  readonly problem: TransportProblem
  readonly detail: string
  readonly attempts: number
}> {}

const RETRYABLE_PROBLEMS: ReadonlySet<TransportProblem> = new Set(["timeout", "connection reset", "connection refused"])

const classify = (error: unknown): { problem: TransportProblem; detail: string } => {
  const code = errorCodeOf(error)
  return { problem: transportProblemOf(code), detail: `${code === undefined ? "" : `${code}: `}${error instanceof Error ? error.message : String(error)}` }
}

/** Full jitter on half the exponential step: spreads clients that failed together. */
export const backoffMillis = (policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number => {
  const step = Math.min(policy.maxDelayMillis, policy.baseDelayMillis * 2 ** (failedAttempt - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

const retryAfterMillis = (headers: IncomingHttpHeaders, policy: RetryPolicy): number | undefined => {
  const value = headers["retry-after"]
  const seconds = typeof value === "string" ? Number(value) : Number.NaN
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, policy.maxDelayMillis) : undefined
}

type Attempt = { readonly ok: true; readonly answer: HttpAnswer } | { readonly ok: false; readonly problem: TransportProblem; readonly detail: string }

/**
 * One request. The timeout is undici's own: connecting (the Agent's connect timeout), waiting
 * for the answer's headers, and every pause while reading its body each get `timeoutMillis`.
 * That bounds every call without a timer per request, which a loaded upload run would notice.
 */
const attemptOnce = (agent: Agent, call: HttpCall) =>
  Effect.promise(async (interrupted): Promise<Attempt> => {
    try {
      const response = await request(call.url, {
        dispatcher: agent,
        method: call.method,
        headers: call.headers,
        body: call.body ?? null,
        signal: interrupted,
        headersTimeout: call.timeoutMillis,
        bodyTimeout: call.timeoutMillis
      })
      const text = await response.body.text()
      return { ok: true, answer: { status: response.statusCode, headers: response.headers, text } }
    } catch (error) {
      return { ok: false, ...classify(error) }
    }
  })

const worthRetrying = (result: Attempt, call: HttpCall, attempt: number): boolean =>
  attempt < call.retry.maxAttempts && (result.ok ? call.retryStatus(result.answer.status) : RETRYABLE_PROBLEMS.has(result.problem))

const settle = (result: Attempt, attempts: number): Effect.Effect<HttpAnswer, HttpTransportError> =>
  result.ok ? Effect.succeed(result.answer) : Effect.fail(new HttpTransportError({ problem: result.problem, detail: result.detail, attempts }))

/** The slow path, entered only after a failed first attempt: backoff, observer, further attempts. */
const retryAfter = (agent: Agent, call: HttpCall, first: Attempt) =>
  Effect.gen(function* () {
    const observe = yield* RetryObserver
    let result = first
    for (let attempt = 1; ; attempt++) {
      if (!worthRetrying(result, call, attempt)) return yield* settle(result, attempt)
      const delayMillis = (result.ok ? retryAfterMillis(result.answer.headers, call.retry) : undefined) ?? backoffMillis(call.retry, attempt)
      yield* observe({ service: call.service, reason: result.ok ? `HTTP ${result.answer.status}` : result.problem, nextAttempt: attempt + 1, delayMillis })
      yield* Effect.sleep(delayMillis)
      result = yield* attemptOnce(agent, call)
    }
  })

/**
 * An undici Agent for one service, closed with the scope. `send` retries transport failures
 * (resets, refusals, timeouts) and the statuses the call names, with jittered backoff, and
 * tells the RetryObserver about each retry. A first attempt that succeeds costs one promise.
 */
export const makeHttpClient = (options: { readonly connections?: number }) =>
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Agent({ connections: options.connections ?? null, keepAliveTimeout: 4_000, connect: { timeout: 10_000 } })),
      (agent) => Effect.promise(() => agent.destroy().catch(() => undefined))
    ),
    (agent) => ({
      send: (call: HttpCall): Effect.Effect<HttpAnswer, HttpTransportError> =>
        Effect.flatMap(attemptOnce(agent, call), (first) => (worthRetrying(first, call, 1) ? retryAfter(agent, call, first) : settle(first, 1)))
    })
  )
