/**
 * No token and no JWT secret ever reaches stdout, stderr, logs or any file a command writes,
 * even with --verbose and a CJ that echoes the Authorization header back in its errors.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeAssets, tempDir } from "../support/assets.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"
import { type FakeCj, signTestToken, startCjService, UNKNOWN_ASSIGNMENT } from "../support/fakeCjService.js"
import { type FakeContentService, startContentService } from "../support/httpServers.js"

const SECRET = "e2e-jwt-secret-never-printed"
const ASSIGNMENT = "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e"

let cj: FakeCj
let content: FakeContentService
beforeAll(async () => {
  cj = await startCjService({ secret: SECRET })
  content = await startContentService()
  cj.behaviour.echoAuthorization = true
  cj.assignments.set(ASSIGNMENT, { assignmentId: ASSIGNMENT, gradeScale: "eng5_np_legacy_9_step", contextOrigin: "research_experiment", studentPromptStorageId: "c".repeat(32), instructionsText: "Write." })
  cj.anchors.push({ id: 1, assignmentId: ASSIGNMENT, label: "anchor_A1", grade: "A", gradeScale: "eng5_np_legacy_9_step", storageId: "d".repeat(32) })
})
afterAll(async () => {
  await Promise.all([cj.close(), content.close()])
})

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

/** Runs every command that touches CJ or the token, in one working directory; returns everything they wrote. */
const everythingWritten = async (tokenEnv: Record<string, string>, rejectedToken?: string) => {
  const cwd = tempDir()
  const out = join(cwd, "runs")
  const assets = makeAssets()
  const env = isolatedEnv({ CJ_SERVICE_URL: cj.url, CONTENT_SERVICE_URL: content.endpoint, KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9", ...tokenEnv })
  const commands = [
    ["auth", "verify", "--verbose"],
    ["auth", "verify", "--json"],
    ["assignment", "show", UNKNOWN_ASSIGNMENT, "--verbose"],
    ["assignment", "show", UNKNOWN_ASSIGNMENT, "--json"],
    ["anchors", "register", ASSIGNMENT, "--assets", assets, "--verbose"],
    ["content", "upload", "--assets", assets, "--output-dir", out, "--verbose"],
    ["run", "dry-run", "--assets", assets, "--output-dir", out, "--assignment-id", ASSIGNMENT, "--verbose"],
    ["run", "dry-run", "--assets", assets, "--output-dir", out, "--assignment-id", UNKNOWN_ASSIGNMENT, "--verbose", "--json"],
    ["doctor", "--assets", assets, "--output-dir", out, "--verbose"]
  ]
  const streams: string[] = []
  for (const args of commands) {
    const result = await startCli(args, env, cwd).done
    streams.push(result.stdout, result.stderr)
  }
  if (rejectedToken !== undefined) {
    // CJ answers 401 quoting the Authorization header back; eng5 shows the reason, masked.
    const result = await startCli(["assignment", "show", ASSIGNMENT, "--verbose"], { ...env, HULEEDU_SERVICE_ACCOUNT_TOKEN: rejectedToken }, cwd).done
    streams.push(result.stdout, result.stderr)
  }
  const files = filesUnder(cwd)
  return { text: [...streams, ...files.map((f) => readFileSync(f, "utf8"))].join("\n"), files, streams }
}

const sentTokens = () => [...new Set(cj.requests.map((r) => String(r.headers.authorization ?? "").replace(/^Bearer /, "")).filter((t) => t !== ""))]

describe("secrets", () => {
  it("a service-account token and JWT_SECRET_KEY appear nowhere a run writes", async () => {
    const token = signTestToken(SECRET)
    const expired = signTestToken(SECRET, { exp: Math.floor(Date.now() / 1000) - 60 })
    const { text, files } = await everythingWritten({ HULEEDU_SERVICE_ACCOUNT_TOKEN: token, JWT_SECRET_KEY: SECRET }, expired)
    expect(sentTokens()).toContain(token)
    expect(files.some((f) => f.endsWith("eng5.jsonl"))).toBe(true)
    expect(files.some((f) => f.endsWith("content_upload_cache.json"))).toBe(true)
    expect(text).toContain("test-admin")
    expect(text, "CJ echoed the token and eng5 masked it").toContain("[REDACTED]")
    for (const secret of [token, token.split(".")[2] ?? "", expired, expired.split(".")[2] ?? "", SECRET]) expect(text).not.toContain(secret)
  }, 120_000)

  it("a dev token minted from JWT_SECRET_KEY appears nowhere either", async () => {
    cj.requests.length = 0
    const { text } = await everythingWritten({ JWT_SECRET_KEY: SECRET })
    const minted = sentTokens()
    expect(minted.length).toBeGreaterThan(0)
    for (const token of minted) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(token.split(".")[2] ?? "")
    }
    expect(text).not.toContain(SECRET)
  }, 120_000)
})
