import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { AuthRejected, ServiceFailure } from "../../src/errors.js"
import { renderDoctor } from "../../src/cli/renderDoctor.js"
import { terminalWidth } from "../../src/cli/table.js"
import { TOPICS } from "../../src/domain/platform.js"
import { type DoctorOptions, doctorProgram } from "../../src/programs/doctor.js"
import { parseBootstrap } from "../../src/programs/doctorServices.js"
import type { CjAdminError } from "../../src/services/CjAdmin.js"
import type { HttpProbe } from "../../src/services/NetworkProbe.js"
import { listAssignmentsProgram, showAssignmentProgram } from "../../src/programs/inspectCj.js"
import { verifyAuthProgram } from "../../src/programs/verifyAuth.js"
import { adminToken, type FakeNetwork, fakeProbe, fixedAdminAuth, recordingCjAdmin } from "../support/fakeCjAdmin.js"
import { PLATFORM_TOPICS } from "../support/cjResponder.js"
import { makeAssets, tempDir } from "../support/assets.js"

const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e01"
const CORRELATION = "11111111-2222-4333-8444-555555555555"
const nowSeconds = Math.floor(Date.now() / 1000)
const goodClaims = { sub: "svc", roles: ["admin"], iss: "huleedu-identity-service", aud: "huleedu-platform", iat: nowSeconds - 10, exp: nowSeconds + 3600 }
const rejected = new AuthRejected({ status: 401, message: "CJ refused eng5's admin token (HTTP 401).", fix: "Run `eng5 auth verify`." })
const cjWith = (listFails?: CjAdminError) =>
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

const options = (overrides: Partial<DoctorOptions> = {}): DoctorOptions => ({
  cjServiceUrl: "http://cj.test",
  contentServiceUrl: "http://content.test/v1/content",
  kafkaBootstrap: "kafka-a:9093,kafka-b:9093",
  assets: makeAssets(),
  outputDir: tempDir(),
  correlationId: CORRELATION,
  ...overrides
})
const healthy = () => Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe())
/** What `python3 -m http.server` answers on every path, and to Kafka's bytes. */
const staticServer: FakeNetwork = {
  http: () => ({ _tag: "Answered", status: 404, contentType: "text/html;charset=utf-8", body: "<!DOCTYPE HTML><html><head><title>Error response</title></head><body><h1>Error response</h1><p>Error code: 404</p></body></html>", excerpt: "Error response Error response Error code: 404" }),
  kafka: { _tag: "NotKafka", server: "127.0.0.1:8000", excerpt: "HTTP/1.0 400 Bad request" }
}

const refused = (url: string): HttpProbe => ({ _tag: "NoAnswer", code: "ECONNREFUSED", detail: `${url}: connect ECONNREFUSED` })

describe("doctor", () => {
  it.live("passes when each service answers as only it does", () =>
    Effect.gen(function* () {
      const cj = cjWith()
      const report = yield* doctorProgram(options()).pipe(Effect.provide(Layer.mergeAll(cj.layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe())))
      assert.deepStrictEqual(report.checks.map((c) => [c.name, c.status]), [
        ["CJ Assessment Service", "pass"],
        ["Admin token", "pass"],
        ["Content Service", "pass"],
        ["Kafka", "pass"],
        ["Assets", "pass"],
        ["Output directory writable", "pass"]
      ])
      assert.deepStrictEqual(cj.calls, [{ call: "listInstructions", correlationId: CORRELATION }])
      assert.isNull(report.error)
    }))

  it.live("fails a server that answers everything (python3 -m http.server) as the Content Service and as Kafka, naming the likely cause", () =>
    Effect.gen(function* () {
      const layer = Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe(staticServer))
      const report = yield* doctorProgram(options({ contentServiceUrl: "http://127.0.0.1:8000", kafkaBootstrap: "127.0.0.1:8000" })).pipe(Effect.provide(layer))
      const byName = new Map(report.checks.map((c) => [c.name, c]))
      assert.strictEqual(byName.get("Content Service")?.status, "fail")
      assert.include(byName.get("Content Service")?.detail ?? "", "HTTP 404 (text/html)")
      assert.include(byName.get("Content Service")?.fix ?? "", "does not end in /v1/content")
      assert.strictEqual(byName.get("Kafka")?.status, "fail")
      assert.include(byName.get("Kafka")?.fix ?? "", "An HTTP service listens at 127.0.0.1:8000, not a Kafka broker")
      for (const check of report.checks) assert.notInclude(check.fix ?? "", "eng5 doctor")
      assert.strictEqual(report.error?.exitCode, 1)
    }))

  it.live("fails CJ when something else answers its admin call, and Kafka when a topic eng5 needs is missing", () =>
    Effect.gen(function* () {
      const notCj = new ServiceFailure({ service: "CJ Assessment Service", message: "CJ Assessment Service gave an unexpected answer to the instructions list request: HTTP 404", fix: "Check that CJ is healthy (`eng5 doctor`)." })
      const network: FakeNetwork = { kafka: { _tag: "Kafka", server: "kafka-a:9093", apis: 60, brokers: ["kafka-a:9093"], topics: PLATFORM_TOPICS.filter((t) => t !== TOPICS.failed) } }
      const layer = Layer.mergeAll(cjWith(notCj).layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe(network))
      const report = yield* doctorProgram(options()).pipe(Effect.provide(layer))
      const byName = new Map(report.checks.map((c) => [c.name, c]))
      assert.strictEqual(byName.get("CJ Assessment Service")?.status, "fail")
      assert.include(byName.get("CJ Assessment Service")?.fix ?? "", "Something other than CJ's admin API answers at http://cj.test")
      assert.notInclude(byName.get("CJ Assessment Service")?.fix ?? "", "eng5 doctor")
      assert.include(byName.get("Kafka")?.detail ?? "", `missing: ${TOPICS.failed}`)
    }))

  it.live("names the cause when nothing listens, and a token CJ refuses", () =>
    Effect.gen(function* () {
      const network: FakeNetwork = { http: (url) => (url.startsWith("http://content.test") ? refused(url) : undefined), kafka: { _tag: "NoAnswer", server: "kafka-a:9093", code: "ENOTFOUND", detail: "getaddrinfo ENOTFOUND kafka-a" } }
      const layer = Layer.mergeAll(cjWith(rejected).layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe(network))
      const report = yield* doctorProgram(options()).pipe(Effect.provide(layer))
      const byName = new Map(report.checks.map((c) => [c.name, c]))
      assert.include(byName.get("Content Service")?.fix ?? "", "Nothing listens at content.test")
      assert.include(byName.get("Kafka")?.fix ?? "", "only resolves inside the platform's compose network")
      assert.strictEqual(byName.get("CJ Assessment Service")?.fix, rejected.fix)
      assert.strictEqual(report.failed, 3)
    }))

  it.live("names a deadline that passed as one, whichever probe's code says so", () =>
    Effect.gen(function* () {
      const network: FakeNetwork = {
        http: (url) => (url.startsWith("http://content.test") ? { _tag: "NoAnswer", code: "UND_ERR_CONNECT_TIMEOUT", detail: `${url}: connect timeout` } : undefined),
        kafka: { _tag: "NoAnswer", server: "kafka-a:9093", code: "TIMEOUT", detail: "kafka-a:9093 did not answer within 3000 ms" }
      }
      const report = yield* doctorProgram(options()).pipe(Effect.provide(Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe(network))))
      const byName = new Map(report.checks.map((c) => [c.name, c]))
      assert.include(byName.get("Content Service")?.fix ?? "", "content.test did not answer in time")
      assert.include(byName.get("Kafka")?.fix ?? "", "kafka-a:9093 did not answer in time")
    }))

  it("parses bootstrap lists", () => {
    assert.deepStrictEqual(parseBootstrap("localhost:9093, kafka:9092"), [{ host: "localhost", port: 9093 }, { host: "kafka", port: 9092 }])
    assert.deepStrictEqual(parseBootstrap("[::1]:9093"), [{ host: "::1", port: 9093 }])
  })

  it.live("skips the assets check without --assets", () =>
    Effect.gen(function* () {
      const report = yield* doctorProgram(options({ assets: undefined })).pipe(Effect.provide(healthy()))
      assert.strictEqual(report.checks.find((c) => c.name === "Assets")?.status, "skip")
      assert.isNull(report.error)
    }))

  it.live("prints every line within 100 columns, with the fixes and that --sandbox needs none of this", () =>
    Effect.gen(function* () {
      const layer = Layer.mergeAll(cjWith().layer, fixedAdminAuth(adminToken(goodClaims)), fakeProbe(staticServer))
      const report = yield* doctorProgram(options({ contentServiceUrl: "http://127.0.0.1:8000/some/very/long/path/that/goes/on/and/on/and/on/v1/content", kafkaBootstrap: "127.0.0.1:8000" })).pipe(Effect.provide(layer))
      const text = renderDoctor(report, terminalWidth(100))
      const lines = text.split("\n")
      assert.isTrue(lines.every((line) => line.length <= 100), lines.filter((line) => line.length > 100).join("\n"))
      assert.include(text.replace(/\s+/g, " "), "→ Kafka: An HTTP service listens")
      assert.include(text.replace(/\s+/g, " "), "`eng5 run execute --sandbox` needs none of this")
      assert.isTrue(renderDoctor(report, terminalWidth(0)).split("\n").every((line) => line.length <= 100))
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
