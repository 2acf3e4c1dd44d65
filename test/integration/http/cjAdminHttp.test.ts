/**
 * The CJ admin layer against a real HTTP server on loopback that implements contracts §3
 * and §5.3, including production CJ's catch-all 500, RFC 822 dates, 503 bursts, resets,
 * slow answers and malformed JSON.
 */
import { createServer } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, beforeEach } from "vitest"
import { adminAuthFromEnv } from "../../../src/auth/adminAuthEnv.js"
import type { Env } from "../../../src/auth/adminToken.js"
import { cjAdminHttp } from "../../../src/layers/CjAdminHttp.js"
import { CjAdmin } from "../../../src/services/CjAdmin.js"
import { observeRetries, withCorrelationId } from "../../../src/services/HttpContext.js"
import { calm } from "../../support/httpServers.js"
import { type FakeCj, signTestToken, startCjService, UNKNOWN_ASSIGNMENT } from "../../support/fakeCjService.js"

const SECRET = "integration-secret-key"
const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"
const QUICK_RETRY = { maxAttempts: 4, baseDelayMillis: 5, maxDelayMillis: 20 }

let cj: FakeCj

beforeAll(async () => {
  cj = await startCjService({ secret: SECRET })
})
afterAll(() => cj.close())
beforeEach(() => {
  cj.reset({
    assignmentId: ASSIGNMENT,
    gradeScale: "eng5_np_legacy_9_step",
    contextOrigin: "research_experiment",
    studentPromptStorageId: "c".repeat(32),
    instructionsText: "Write an argumentative essay."
  })
})

const cjLayer = (env: Env = { JWT_SECRET_KEY: SECRET }, baseUrl: string | undefined = cj.url) =>
  cjAdminHttp({ baseUrl, timeoutMillis: 300, retry: QUICK_RETRY }).pipe(Layer.provide(adminAuthFromEnv(env)))

const withCj = <A, E>(effect: Effect.Effect<A, E, CjAdmin>, env?: Env, baseUrl?: string) => Effect.provide(effect, cjLayer(env, baseUrl))
const getAssignment = (id = ASSIGNMENT) => CjAdmin.use((c) => c.getAssignment(id))

describe("CJ admin over HTTP", () => {
  it.live("reads the assignment with a dev token minted from JWT_SECRET_KEY and sends the run's correlation id", () =>
    Effect.gen(function* () {
      const assignment = yield* withCj(withCorrelationId("5b0c8d1e-1111-4222-8333-444455556666")(getAssignment()))
      assert.strictEqual(assignment.gradeScale, "eng5_np_legacy_9_step")
      assert.strictEqual(assignment.studentPromptStorageId, "c".repeat(32))
      assert.strictEqual(assignment.createdAt?.toISOString(), "2026-02-07T00:47:44.123Z")
      const [request] = cj.requests
      assert.strictEqual(request?.headers["x-correlation-id"], "5b0c8d1e-1111-4222-8333-444455556666")
      assert.match(String(request?.headers.authorization), /^Bearer eyJ/)
      assert.strictEqual(cj.acceptedTokens.length, 1)
    }))

  it.live("accepts RFC 822 dates and sorted keys as Quart writes them", () =>
    Effect.gen(function* () {
      cj.behaviour.dateStyle = "rfc822"
      const assignment = yield* withCj(getAssignment())
      assert.strictEqual(assignment.createdAt?.toISOString(), "2026-02-07T00:47:44.000Z")
      cj.anchors.push({ id: 1, assignmentId: ASSIGNMENT, label: "anchor_A1", grade: "A", gradeScale: "eng5_np_legacy_9_step", storageId: "d".repeat(32) })
      const summary = yield* withCj(CjAdmin.use((c) => c.getAnchorSummary(ASSIGNMENT)))
      assert.strictEqual(summary.anchorCount, 1)
      assert.strictEqual(summary.anchors[0]?.createdAt?.toISOString(), "2026-02-07T00:47:44.000Z")
    }))

  it.live("maps 404 to AssignmentNotFound (exit 2) pointing at eng5's own commands", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(withCj(getAssignment(UNKNOWN_ASSIGNMENT)))
      assert.strictEqual(error._tag, "AssignmentNotFound")
      assert.strictEqual(error.exitCode, 2)
      assert.include(error.fix, "eng5 assignment list")
      assert.strictEqual(cj.requests.length, 1)
    }))

  it.live("maps 401 (wrong secret) and 403 (no admin role) to AuthRejected pointing at `eng5 auth verify`", () =>
    Effect.gen(function* () {
      const wrongSecret = yield* Effect.flip(withCj(getAssignment(), { JWT_SECRET_KEY: "not-the-secret" }))
      assert.strictEqual(wrongSecret._tag, "AuthRejected")
      assert.include(wrongSecret.message, "invalid_signature")
      assert.include(wrongSecret.fix, "eng5 auth verify")
      const notAdmin = yield* Effect.flip(withCj(getAssignment(), { HULEEDU_SERVICE_ACCOUNT_TOKEN: signTestToken(SECRET, { roles: ["teacher"] }) }))
      assert.strictEqual(notAdmin._tag === "AuthRejected" ? notAdmin.status : 0, 403)
      assert.strictEqual(notAdmin.exitCode, 2)
    }))

  it.live("recognises production CJ's catch-all 500 for a rejected token and for an unknown assignment", () =>
    Effect.gen(function* () {
      cj.behaviour.errorStyle = "catch-all"
      const rejected = yield* Effect.flip(withCj(getAssignment(), { JWT_SECRET_KEY: "not-the-secret" }))
      assert.strictEqual(rejected._tag, "CjCatchAllError")
      assert.include(rejected.fix, "eng5 auth verify")
      const unknown = yield* Effect.flip(withCj(withCorrelationId("7e57c0de-1111-4222-8333-444455556666")(getAssignment(UNKNOWN_ASSIGNMENT))))
      assert.strictEqual(unknown._tag, "CjCatchAllError")
      assert.include(unknown.fix, `eng5 assignment show ${UNKNOWN_ASSIGNMENT}`)
      assert.include(unknown.fix, "7e57c0de-1111-4222-8333-444455556666")
      assert.strictEqual(cj.requests.length, 2, "a catch-all 500 is not retried")
    }))

  it.live("retries a 503 burst and connection resets, reporting each retry", () =>
    Effect.gen(function* () {
      cj.misbehaviour = { ...calm(), resets: 1, statusBurst: { status: 503, count: 2 } }
      const retries: string[] = []
      const assignment = yield* withCj(observeRetries((r) => Effect.sync(() => void retries.push(r.reason)))(getAssignment()))
      assert.strictEqual(assignment.assignmentId, ASSIGNMENT)
      assert.deepStrictEqual(retries, ["connection reset", "HTTP 503", "HTTP 503"])
      assert.strictEqual(cj.requests.length, 4)
    }))

  it.live("gives up after the last attempt with the status and body", () =>
    Effect.gen(function* () {
      cj.misbehaviour = { ...calm(), statusBurst: { status: 503, count: 10 } }
      const error = yield* Effect.flip(withCj(getAssignment()))
      assert.strictEqual(error._tag, "ServiceFailure")
      assert.include(error.message, "HTTP 503")
      assert.strictEqual(cj.requests.length, QUICK_RETRY.maxAttempts)
    }))

  it.live("times out slow answers, retries them, and reports an unreachable CJ when every attempt is slow", () =>
    Effect.gen(function* () {
      cj.misbehaviour = { ...calm(), slowNext: { count: 1, millis: 1_000 } }
      const recovered = yield* withCj(getAssignment())
      assert.strictEqual(recovered.assignmentId, ASSIGNMENT)
      // Far beyond the 300 ms timeout, so no attempt can be answered in time even on a loaded machine.
      cj.misbehaviour = { ...calm(), delayMillis: 5_000 }
      const error = yield* Effect.flip(withCj(getAssignment()))
      assert.strictEqual(error._tag, "ServiceUnreachable")
      assert.include(error.message, "timeout after 4 attempts")
      assert.strictEqual(error.exitCode, 1)
    }))

  it.live("reports malformed JSON once, without retrying", () =>
    Effect.gen(function* () {
      cj.misbehaviour = { ...calm(), malformed: 1 }
      const error = yield* Effect.flip(withCj(getAssignment()))
      assert.strictEqual(error._tag, "ServiceFailure")
      assert.include(error.message, "not JSON")
      assert.strictEqual(cj.requests.length, 1)
    }))

  it.live("reports a refused connection as unreachable, naming the URL flag", () =>
    Effect.gen(function* () {
      const port = yield* Effect.promise(
        () =>
          new Promise<number>((resolve) => {
            const server = createServer().listen(0, "127.0.0.1", () => {
              const address = server.address()
              server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
            })
          })
      )
      const error = yield* Effect.flip(withCj(getAssignment(), undefined, `http://127.0.0.1:${port}`))
      assert.strictEqual(error._tag, "ServiceUnreachable")
      assert.include(error.message, "connection refused")
      assert.include(error.fix, "--cj-service-url")
    }))

  it.live("fails before any request without a URL or without a usable token", () =>
    Effect.gen(function* () {
      const noUrl = yield* Effect.flip(withCj(getAssignment(), undefined, ""))
      assert.strictEqual(noUrl._tag, "InvalidFlag")
      const production = yield* Effect.flip(withCj(getAssignment(), { JWT_SECRET_KEY: SECRET, ENVIRONMENT: "production" }))
      assert.strictEqual(production._tag, "AuthUnavailable")
      assert.strictEqual(production.exitCode, 2)
      assert.strictEqual(cj.requests.length, 0)
    }))

  it.live("never repeats the token in an error, even when CJ echoes it back", () =>
    Effect.gen(function* () {
      cj.behaviour.echoAuthorization = true
      const token = signTestToken(SECRET)
      const error = yield* Effect.flip(withCj(getAssignment(UNKNOWN_ASSIGNMENT), { HULEEDU_SERVICE_ACCOUNT_TOKEN: token }))
      const everything = JSON.stringify({ message: error.message, fix: error.fix })
      assert.include(JSON.stringify(cj.requests.map((r) => r.headers.authorization)), token)
      assert.notInclude(everything, token)
      assert.notInclude(everything, token.split(".")[2] ?? "x")
    }))

  it.live("lists instructions and registers anchors as an upsert", () =>
    Effect.gen(function* () {
      const page = yield* withCj(CjAdmin.use((c) => c.listInstructions({ page: 1, pageSize: 10 })))
      assert.strictEqual(page.total, 1)
      assert.strictEqual(page.items[0]?.assignmentId, ASSIGNMENT)
      const registration = { assignmentId: ASSIGNMENT, grade: "B", anchorLabel: "anchor_B1", essayText: "x".repeat(120) }
      const first = yield* withCj(CjAdmin.use((c) => c.registerAnchor(registration)))
      const second = yield* withCj(CjAdmin.use((c) => c.registerAnchor({ ...registration, grade: "C+" })))
      assert.strictEqual(first.anchorId, second.anchorId)
      assert.strictEqual(cj.anchors.length, 1)
      assert.strictEqual(cj.anchors[0]?.grade, "C+")
      const invalid = yield* Effect.flip(withCj(CjAdmin.use((c) => c.registerAnchor({ ...registration, grade: "Q" }))))
      assert.include(invalid.message, "Invalid grade 'Q'")
    }))
})
