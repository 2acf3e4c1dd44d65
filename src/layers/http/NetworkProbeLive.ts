import { connect } from "node:net"
import { Effect, Layer } from "effect"
import { request } from "undici"
import { NetworkProbe, type ProbeResult } from "../../services/NetworkProbe.js"
import { textExcerpt } from "./cjPayloads.js"

const describe = (error: unknown): string => {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") return error.code
  return error instanceof Error ? error.message : String(error)
}

export const networkProbeLive = (timeoutMillis = 3_000) =>
  Layer.succeed(NetworkProbe, {
    tcp: (host, port) =>
      Effect.callback<ProbeResult>((resume) => {
        const socket = connect({ host, port, timeout: timeoutMillis })
        const finish = (result: ProbeResult) => {
          socket.destroy()
          resume(Effect.succeed(result))
        }
        socket.once("connect", () => finish({ ok: true, detail: `${host}:${port} accepts connections` }))
        socket.once("timeout", () => finish({ ok: false, detail: `${host}:${port} did not answer within ${timeoutMillis} ms` }))
        socket.once("error", (error) => finish({ ok: false, detail: `${host}:${port} ${describe(error)}` }))
        return Effect.sync(() => socket.destroy())
      }),
    http: (url) =>
      Effect.promise(async (signal): Promise<ProbeResult> => {
        try {
          const response = await request(url, { method: "GET", signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMillis)]) })
          const status = response.statusCode
          // A 404 or a login page means something else answers there: only 2xx is a healthy service.
          if (status >= 200 && status < 300) {
            await response.body.dump()
            return { ok: true, detail: `HTTP ${status} from ${url}` }
          }
          return { ok: false, detail: `HTTP ${status} from ${url}: "${textExcerpt(await response.body.text())}"` }
        } catch (error) {
          return { ok: false, detail: `${url}: ${describe(error)}` }
        }
      })
  })
