import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { AuthRejected } from "../../src/errors.js"
import { doctorProgram, parseBootstrap } from "../../src/programs/doctor.js"
import { listAssignmentsProgram, showAssignmentProgram } from "../../src/programs/inspectCj.js"
import { verifyAuthProgram } from "../../src/programs/verifyAuth.js"
import { adminToken, fakeContentStore, fakeProbe, fixedAdminAuth, recordingCjAdmin } from "../support/fakeCjAdmin.js"
import { makeAssets, tempDir } from "../support/assets.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const CORRELATION = "11111111-2222-4333-8444-555555555555"
const nowSeconds = Math.floor(Date.now() / 1000)
const goodClaims = { sub: "svc", roles: ["admin"], iss: "huleedu-identity-service", aud: "huleedu-platform", iat: nowSeconds - 10, exp: nowSeconds + 3600 }
const rejected = new AuthRejected({ status: 401, message: "CJ refused eng5's admin token (HTTP 401).", fix: "Run `eng5 auth verify`." })
const cjWith = (listFails?: AuthRejected) =>
  recordingCjAdmin(
    [{ assignmentId: ASSIGNMENT, gradeScale: "swedish_8_anchor", contextOrigin: "research_experiment", studentPromptStorageId: null, instructionsText: "Write." }],
    listFails === undefined ? {} : { listFails }
  )

describe("auth verify", () => {
  it.live("shows the claims, never the token, and proves CJ accepts it", () =>
    Effect.gen(function* () {
      const cj = cjWith()
      const verification = yield* verifyAuthProgram(CORRELATION).pipe(Effect.provide(Layer.mergeAll(cj.layer, fixedAdminAuth(adminToken(goodClaims)))))
      assert.isTrue(verification.cjAccepted)
      assert.strictEqual(verification.claims?.subject, "svc")
      assert.deepStrictEqual(verification.problems, [])
      assert.notInclude(JSON.stringify(verification), "secret-token-value")
      assert.deepStrictEqual(cj.calls, [{ call: "listInstructions", correlationId: CORRELATION }])
    }))

  it.live("reports CJ's refusal with its exit code, and local problems with the claims", () =>
    Effect.gen(function* () {
      const expired = { ...goodClaims, exp: nowSeconds - 5 }
      const verification = yield* verifyAuthProgram(CORRELATION).pipe(Effect.provide(Layer.mergeAll(cjWith(rejected).layer, fixedAdminAuth(adminToken(expired)))))
      assert.isFalse(verification.cjAccepted)
      assert.strictEqual(verification.error?.tag, "AuthRejected")
      assert.strictEqual(verification.error?.exitCode, 2)
      assert.match(verification.problems[0] ?? "", /^it expired at/)
    }))

  it.effect("fails with exit 2 when no token can be had (the old runner exited 0, B15)", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(verifyAuthProgram(CORRELATION).pipe(Effect.provide(Layer.mergeAll(cjWith().layer, fixedAdminAuth("unavailable")))))
      assert.strictEqual(error._tag, "AuthUnavailable")
      assert.strictEqual(error.exitCode, 2)
    }))
})

describe("doctor", () => {
  it.live("passes when every check passes", () =>
    Effect.gen(function* () {
      const layer = Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeContentStore(true), fakeProbe((t) => t !== "kafka-a:9093"))
      const report = yield* doctorProgram({ cjServiceUrl: "http://cj.test", kafkaBootstrap: "kafka-a:9093,kafka-b:9093", assets: makeAssets(), outputDir: tempDir(), correlationId: CORRELATION }).pipe(Effect.provide(layer))
      assert.deepStrictEqual(report.checks.map((c) => c.status), ["pass", "pass", "pass", "pass", "pass", "pass", "pass"])
      assert.isNull(report.error)
    }))

  it.live("fails each broken check with its own fix and exits 1", () =>
    Effect.gen(function* () {
      const layer = Layer.mergeAll(cjWith(rejected).layer, fixedAdminAuth("unavailable"), fakeContentStore(false), fakeProbe(() => false))
      const report = yield* doctorProgram({ cjServiceUrl: "http://cj.test", kafkaBootstrap: "localhost:9093", assets: "/no/such/assets", outputDir: tempDir(), correlationId: CORRELATION }).pipe(
        Effect.provide(layer)
      )
      const failed = report.checks.filter((c) => c.status === "fail")
      assert.deepStrictEqual(failed.map((c) => c.name), ["CJ Assessment Service reachable", "Admin token", "CJ accepts the token", "Content Service reachable", "Kafka bootstrap reachable", "Assets"])
      assert.isTrue(failed.every((c) => c.fix !== null && c.fix !== ""))
      assert.strictEqual(report.error?.exitCode, 1)
    }))

  it("parses bootstrap lists", () => {
    assert.deepStrictEqual(parseBootstrap("localhost:9093, kafka:9092"), [{ host: "localhost", port: 9093 }, { host: "kafka", port: 9092 }])
    assert.deepStrictEqual(parseBootstrap("[::1]:9093"), [{ host: "::1", port: 9093 }])
  })

  it.live("skips the assets check without --assets", () =>
    Effect.gen(function* () {
      const layer = Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeContentStore(true), fakeProbe(() => true))
      const report = yield* doctorProgram({ cjServiceUrl: "http://cj.test", kafkaBootstrap: "kafka:9093", assets: undefined, outputDir: tempDir(), correlationId: CORRELATION }).pipe(Effect.provide(layer))
      assert.strictEqual(report.checks.find((c) => c.name === "Assets")?.status, "skip")
      assert.isNull(report.error)
    }))
})

describe("assignment show / list", () => {
  it.effect("shows instructions and anchors with the correlation id, and validates paging", () =>
    Effect.gen(function* () {
      const cj = cjWith()
      const view = yield* showAssignmentProgram(ASSIGNMENT.toUpperCase(), CORRELATION).pipe(Effect.provide(cj.layer))
      assert.strictEqual(view.assignment.gradeScale, "swedish_8_anchor")
      assert.strictEqual(view.anchors.anchorCount, 0)
      assert.isTrue(cj.calls.every((c) => c.correlationId === CORRELATION))
      const badPage = yield* Effect.flip(listAssignmentsProgram(1, 500, CORRELATION).pipe(Effect.provide(cj.layer)))
      assert.strictEqual(badPage.exitCode, 2)
    }))
})
