/**
 * Connection settings and connection failures of the live Extractor. These need no database:
 * a closed port refuses, and a socket that never answers times out.
 */
import { createServer, type Server, type Socket } from "node:net"
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { cjDatabaseSettings } from "../src/cjDatabaseSettings.js"
import { makeExtractorPg } from "../src/ExtractorPg.js"

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)))

const closedPort = async (): Promise<number> => {
  const server = createServer()
  const port = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return port
}

const settings = (env: Record<string, string>, url?: string) => Effect.runSync(cjDatabaseSettings(env, { url }))
const rejection = (env: Record<string, string>, url?: string) => Effect.runSync(Effect.flip(cjDatabaseSettings(env, { url })))

describe("CJ database settings", () => {
  it("uses the platform's defaults: localhost:5434, huleedu_user, huleedu_cj_assessment", () => {
    expect(settings({}).description).toBe("huleedu_user@localhost:5434/huleedu_cj_assessment")
    expect(settings({}).connection).toEqual({ host: "localhost", port: 5434, user: "huleedu_user", database: "huleedu_cj_assessment" })
  })

  it("prefers HULEEDU_CJ_DB_PORT over HULEEDU_DB_PORT and keeps the password out of the description", () => {
    const given = settings({ HULEEDU_DB_HOST: "db.internal", HULEEDU_CJ_DB_PORT: "6001", HULEEDU_DB_PORT: "6002", HULEEDU_DB_USER: "cj", HULEEDU_DB_PASSWORD: "s3cret-pw" })
    expect(given.description).toBe("cj@db.internal:6001/huleedu_cj_assessment")
    expect(given.secrets).toEqual(["s3cret-pw"])
    expect(settings({ HULEEDU_DB_PORT: "6002" }).description).toBe("huleedu_user@localhost:6002/huleedu_cj_assessment")
  })

  it("rejects a port that is not a port, naming the variable", () => {
    expect(rejection({ HULEEDU_CJ_DB_PORT: "54x4" })).toMatchObject({ _tag: "InvalidFlag", flag: "HULEEDU_CJ_DB_PORT", exitCode: 2 })
  })

  it("takes --cj-database-url over the environment and describes it without its password", () => {
    const given = settings({ HULEEDU_DB_HOST: "ignored" }, "postgresql://reader:p%40ss@10.0.0.5:6543/cj_copy")
    expect(given.description).toBe("reader@10.0.0.5:6543/cj_copy")
    expect(given.secrets).toEqual(["p@ss", "p%40ss"])
    expect(rejection({}, "mysql://x@y/z")).toMatchObject({ _tag: "InvalidFlag", flag: "--cj-database-url" })
  })
})

describe("connecting to the CJ database", () => {
  let silent: Server | undefined
  const held: Socket[] = []
  afterEach(async () => {
    for (const socket of held.splice(0)) socket.destroy()
    if (silent !== undefined) await new Promise((resolve) => silent?.close(resolve))
    silent = undefined
  })

  it("fails with CjDatabaseUnreachable (refused) on a closed port, without the password in any text", async () => {
    const port = await closedPort()
    const env = { HULEEDU_DB_HOST: "127.0.0.1", HULEEDU_CJ_DB_PORT: String(port), HULEEDU_DB_PASSWORD: "hunter2-secret" }
    const extractor = makeExtractorPg(Effect.runSync(cjDatabaseSettings(env)))
    const error = await Effect.runPromise(Effect.flip(extractor.extractBatch("a1b2c3d4-0000-4000-8000-000000000007")))
    expect(error._tag).toBe("CjDatabaseUnreachable")
    expect(error).toMatchObject({ reason: "refused", database: `huleedu_user@127.0.0.1:${port}/huleedu_cj_assessment`, exitCode: 1 })
    expect(error.message).toContain(`huleedu_user@127.0.0.1:${port}/huleedu_cj_assessment: connection refused`)
    expect(error.fix).toContain("HULEEDU_CJ_DB_PORT")
    expect(JSON.stringify(error)).not.toContain("hunter2-secret")
  })

  it("resolves localhost to every address and still reports a refusal", async () => {
    const port = await closedPort()
    const url = `postgres://huleedu_user:pw-in-url-9@localhost:${port}/huleedu_cj_assessment`
    const error = await Effect.runPromise(Effect.flip(makeExtractorPg(Effect.runSync(cjDatabaseSettings({}, { url }))).extractBatch("7")))
    expect(error).toMatchObject({ _tag: "CjDatabaseUnreachable", reason: "refused" })
    expect(JSON.stringify(error)).not.toContain("pw-in-url-9")
  })

  it("gives up after the connect timeout when the server never answers", async () => {
    silent = createServer((socket) => void held.push(socket))
    const port = await listen(silent)
    const impatient = Effect.runSync(cjDatabaseSettings({ HULEEDU_DB_HOST: "127.0.0.1", HULEEDU_CJ_DB_PORT: String(port) }, { connectTimeoutMillis: 300 }))
    const started = Date.now()
    const error = await Effect.runPromise(Effect.flip(makeExtractorPg(impatient).extractBatch("7")))
    expect(error).toMatchObject({ _tag: "CjDatabaseUnreachable", reason: "timeout" })
    expect(error.message).toContain("no answer within 0.3 s")
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
