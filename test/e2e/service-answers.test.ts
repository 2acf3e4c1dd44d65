/** What an operator sees when the URL given for CJ answers with something else than CJ: a web page, a 404. */
import { createServer, type Server } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { isolatedEnv, startCli } from "../support/cliProcess.js"

const PAGE = `<!DOCTYPE html><html><head><title>Not Found</title><style>body { color: red }</style><script>var tracking = 1</script></head>
<body><h1>404 &amp; gone</h1><p>The page you asked for is not here. ${"Filler sentence to make the page long. ".repeat(20)}</p></body></html>`

let server: Server
let url = ""

beforeAll(async () => {
  server = createServer((_request, response) => response.writeHead(404, { "content-type": "text/html" }).end(PAGE))
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const env = () => isolatedEnv({ JWT_SECRET_KEY: "service-answers-secret", CONTENT_SERVICE_URL: "http://127.0.0.1:1/v1/content", KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:1" })

const expectExcerpt = (text: string, at: string) => {
  expect(text).toContain("HTTP 404")
  expect(text).toContain(at)
  expect(text).toContain("Not Found 404 & gone The page you asked for is not here.")
  expect(text).not.toMatch(/<\/?[a-z!]/i)
  expect(text).not.toContain("tracking")
}

describe("an HTTP error page from the CJ URL", () => {
  it("doctor fails CJ's admin call with the status, the URL and a short text excerpt; the Content Service check shows an excerpt too", async () => {
    const result = await startCli(["doctor", "--cj-service-url", url, "--content-service-url", `${url}/v1/content`, "--json"], env()).done
    expect(result.code).toBe(1)
    const checks: ReadonlyArray<{ name: string; status: string; detail: string }> = JSON.parse(result.stdout).checks
    const cj = checks.find((check) => check.name === "CJ Assessment Service")
    expect(cj?.status).toBe("fail")
    expectExcerpt(cj?.detail ?? "", `${url}/admin/v1/assessment-instructions`)
    expect(cj?.detail.length).toBeLessThan(300)
    const content = checks.find((check) => check.name === "Content Service")
    expect(content?.status).toBe("fail")
    expect(content?.detail).not.toMatch(/<\/?[a-z!]/i)
  })

  it("auth verify shows the status, the URL and an excerpt, never the page", async () => {
    const result = await startCli(["auth", "verify", "--cj-service-url", url], env()).done
    expect(result.code).toBe(1)
    expectExcerpt(result.stdout + result.stderr, url)
  })
})
