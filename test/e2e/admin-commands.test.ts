/**
 * anchors, assignment, auth verify, doctor and the run commands' CJ preflight, as an operator
 * runs them: the built CLI as a child process against fake CJ and Content Service on loopback.
 */
import { existsSync, readdirSync } from "node:fs"
import { createServer, type Server, type Socket } from "node:net"
import { join } from "node:path"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { essayText, makeAssets, tempDir } from "../support/assets.js"
import { runCli } from "../support/cli.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"
import { type FakeCj, signTestToken, startCjService, UNKNOWN_ASSIGNMENT } from "../support/fakeCjService.js"
import { type FakeContentService, startContentService } from "../support/httpServers.js"

const SECRET = "e2e-admin-secret"
const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"

let cj: FakeCj
let content: FakeContentService
let kafka: Server
let kafkaPort = 0
const kafkaSockets = new Set<Socket>()

const env = (overrides: Record<string, string> = {}) =>
  isolatedEnv({ CJ_SERVICE_URL: cj.url, CONTENT_SERVICE_URL: content.endpoint, JWT_SECRET_KEY: SECRET, KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${kafkaPort}`, ...overrides })
const eng5 = (args: ReadonlyArray<string>, overrides: Record<string, string> = {}) => startCli(args, env(overrides)).done

beforeAll(async () => {
  cj = await startCjService({ secret: SECRET })
  content = await startContentService()
  // Takes every connection and hangs up: something on the Kafka port that is not a broker.
  kafka = createServer((socket) => {
    kafkaSockets.add(socket)
    socket.on("close", () => kafkaSockets.delete(socket))
    socket.end()
  })
  await new Promise<void>((resolve) => kafka.listen(0, "127.0.0.1", resolve))
  const address = kafka.address()
  kafkaPort = typeof address === "object" && address !== null ? address.port : 0
})
afterAll(async () => {
  for (const socket of kafkaSockets) socket.destroy()
  await Promise.all([cj.close(), content.close(), new Promise((resolve) => kafka.close(resolve))])
})
beforeEach(() => {
  content.requests.length = 0
  cj.reset({
    assignmentId: ASSIGNMENT,
    gradeScale: "eng5_np_legacy_9_step",
    contextOrigin: "research_experiment",
    studentPromptStorageId: "c".repeat(32),
    instructionsText: "Write an argumentative essay about summer jobs."
  })
  cj.behaviour.dateStyle = "rfc822"
})

describe("eng5 anchors", () => {
  it("registers nothing from a folder with one bad file, then registers, re-registers and lists", async () => {
    const bad = makeAssets({ anchors: { "anchor_A1.txt": essayText("A"), "anchor_Z1.txt": essayText("Z") } })
    const refused = await eng5(["anchors", "register", ASSIGNMENT, "--assets", bad])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('names grade "Z"')
    expect(cj.requests.filter((r) => r.method === "POST")).toHaveLength(0)

    const good = makeAssets()
    const first = await eng5(["anchors", "register", ASSIGNMENT, "--assets", good])
    expect(first.stderr).not.toContain("✖")
    expect(first.code).toBe(0)
    expect(first.stdout).toContain("3 registered, 0 replaced, 0 failed.")
    const again = await eng5(["anchors", "register", ASSIGNMENT, "--anchor-dir", join(good, "anchor_essays"), "--json"])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).anchors.map((a: { status: string }) => a.status)).toEqual(["replaced", "replaced", "replaced"])
    expect(cj.anchors).toHaveLength(3)

    const listed = await eng5(["anchors", "list", ASSIGNMENT, "--json"])
    expect(listed.code).toBe(0)
    const summary = JSON.parse(listed.stdout)
    expect(summary.anchors.map((a: { anchorLabel: string }) => a.anchorLabel).sort()).toEqual(["anchor_A1", "anchor_B1", "anchor_E-1"])
    expect(summary.anchors[0].createdAt).toBe("2026-02-07T00:47:44.000Z")
  })

  it("reports an anchor CJ could not store, registers the others and exits 1", async () => {
    cj.behaviour.failingAnchorLabels = new Set(["anchor_B1"])
    const result = await eng5(["anchors", "register", ASSIGNMENT, "--assets", makeAssets()])
    cj.behaviour.failingAnchorLabels = new Set()
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/anchor_B1\.txt\s+anchor_B1\s+B\s+failed/)
    expect(result.stdout).toContain("2 registered, 0 replaced, 1 failed.")
    expect(result.stderr).toContain(`eng5 anchors register ${ASSIGNMENT}`)
  })

  it("fails with exit 1, naming each file, when CJ answers 201 but does not keep the anchors", async () => {
    cj.behaviour.rollsBackRegistrations = true
    const assets = makeAssets({ anchors: { "anchor_C+.txt": essayText("C plus"), "anchor_D-.txt": essayText("D minus") } })
    const result = await eng5(["anchors", "register", ASSIGNMENT, "--assets", assets])
    cj.behaviour.rollsBackRegistrations = false
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/anchor_C\+\.txt\s+anchor_C\+\s+C\+\s+not_held/)
    expect(result.stdout).toContain("0 registered, 0 replaced, 2 answered but not held by CJ, 0 failed.")
    expect(result.stderr).toContain("anchor_C+.txt, anchor_D-.txt")
    expect(result.stderr).toContain("did not persist")
  })
})

describe("eng5 assignment", () => {
  it("shows what CJ holds, reading Quart's RFC 822 dates", async () => {
    const result = await eng5(["assignment", "show", ASSIGNMENT])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Grade scale    eng5_np_legacy_9_step")
    expect(result.stdout).toContain("Created        2026-02-07T00:47:44Z")
    const listed = await eng5(["assignment", "list", "--json"])
    expect(JSON.parse(listed.stdout).items[0].assignmentId).toBe(ASSIGNMENT)
  })

  it("explains an unknown assignment (exit 2), also behind production CJ's catch-all 500", async () => {
    const missing = await eng5(["assignment", "show", UNKNOWN_ASSIGNMENT])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`CJ has no assessment instructions for assignment ${UNKNOWN_ASSIGNMENT}`)
    expect(missing.stderr).toContain("eng5 assignment list")
    cj.behaviour.errorStyle = "catch-all"
    const opaque = await eng5(["assignment", "show", UNKNOWN_ASSIGNMENT, "--json"])
    expect(opaque.code).toBe(2)
    expect(JSON.parse(opaque.stdout).error.tag).toBe("CjCatchAllError")
  })
})

describe("eng5 auth verify", () => {
  it("shows the dev token's claims, never the token, and proves CJ accepts it", async () => {
    const result = await eng5(["auth", "verify"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("cj-admin-dev-cli")
    expect(result.stdout).toContain("CJ accepted the token")
    const sent = String(cj.requests.at(-1)?.headers.authorization).replace("Bearer ", "")
    expect(sent).toMatch(/^eyJ/)
    expect(result.stdout + result.stderr).not.toContain(sent)
    expect(result.stdout + result.stderr).not.toContain(SECRET)
  })

  it("exits 2 when dev tokens are refused in production and none is set, and when CJ refuses the token", async () => {
    const production = await eng5(["auth", "verify"], { ENVIRONMENT: "production" })
    expect(production.code).toBe(2)
    expect(production.stderr).toContain("HULEEDU_SERVICE_ACCOUNT_TOKEN")
    expect(cj.requests).toHaveLength(0)
    const expired = await eng5(["auth", "verify", "--json"], { HULEEDU_SERVICE_ACCOUNT_TOKEN: signTestToken(SECRET, { exp: Math.floor(Date.now() / 1000) - 60 }) })
    expect(expired.code).toBe(2)
    const report = JSON.parse(expired.stdout)
    expect(report.cjAccepted).toBe(false)
    expect(report.error.tag).toBe("AuthRejected")
    expect(report.problems[0]).toMatch(/^it expired at/)
  })
})

describe("eng5 doctor", () => {
  it("passes CJ by its admin call and the Content Service by its own not-found answer; a port that takes connections is not Kafka", async () => {
    const result = await eng5(["doctor", "--assets", makeAssets(), "--output-dir", tempDir()])
    expect(result.code).toBe(1)
    expect(result.stdout.match(/✔ pass/g)).toHaveLength(5)
    expect(result.stdout).toMatch(/^Kafka +✖ fail +127\.0\.0\.1:\d+ took the connection/m)
    expect(result.stdout.replace(/\s+/g, " ")).toContain("gave no answer to Kafka's ApiVersions request")
    expect(result.stdout.replace(/\s+/g, " ")).toContain("not a Kafka broker")
    expect(result.stdout.split("\n").every((line) => line.length <= 100)).toBe(true)
    expect(result.stdout.replace(/\s+/g, " ")).toContain("`eng5 run execute --sandbox` needs none of this")
  })

  it("fails with the likely cause and the fix for each broken part, exit 1", async () => {
    const result = await eng5(["doctor", "--json"], { CONTENT_SERVICE_URL: "http://127.0.0.1:9/v1/content", KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9" })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    const failed = report.checks.filter((c: { status: string }) => c.status === "fail")
    expect(failed.map((c: { name: string }) => c.name)).toEqual(["Content Service", "Kafka"])
    expect(failed[0].fix).toContain("Nothing listens at 127.0.0.1:9")
    expect(failed[0].fix).toContain("--content-service-url")
    expect(failed[0].fix).not.toContain("eng5 doctor")
  })

  it("says in --help what each check proves and that --sandbox needs none of it", () => {
    const help = runCli(["doctor", "--help"]).stdout.replace(/\s+/g, " ")
    expect(help).toContain("ApiVersions")
    expect(help).toContain("needs none of this")
  })
})

describe("run plan / dry-run with --assignment-id", () => {
  it("takes the grade scale from CJ", async () => {
    const result = await eng5(["run", "plan", "--assets", makeAssets(), "--assignment-id", ASSIGNMENT, "--json"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).gradeScale).toBe("eng5_np_legacy_9_step")
    expect(cj.requests[0]?.headers["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("a preflight failure exits 2, uploads nothing and writes no run folder", async () => {
    const out = tempDir()
    const mismatch = await eng5(["run", "dry-run", "--assets", makeAssets(), "--output-dir", out, "--assignment-id", ASSIGNMENT, "--expected-grade-scale", "swedish_8_anchor"])
    expect(mismatch.code).toBe(2)
    expect(mismatch.stderr).toContain("CJ has eng5_np_legacy_9_step")
    const unknown = await eng5(["run", "dry-run", "--assets", makeAssets(), "--output-dir", out, "--assignment-id", UNKNOWN_ASSIGNMENT])
    expect(unknown.code).toBe(2)
    expect(content.requests).toHaveLength(0)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})
