import { Layer } from "effect"
import { adminAuthFromEnv } from "../auth/adminAuthEnv.js"
import type { Env } from "../auth/adminToken.js"
import { cjAdminHttp } from "./CjAdminHttp.js"
import { contentStoreHttp } from "./ContentStoreHttp.js"
import type { RetryPolicy } from "./http/httpClient.js"

export interface LiveStackConfig {
  readonly cjServiceUrl: string | undefined
  readonly contentServiceUrl: string
  /** Parallel uploads (and connections) to the Content Service. */
  readonly uploadConcurrency?: number
  /** Where tokens and JWT settings are read; the process environment by default. */
  readonly env?: Env
  /** Per-attempt timeout and retries of every call (doctor asks for quick answers). */
  readonly http?: { readonly timeoutMillis?: number; readonly retry?: RetryPolicy }
}

const cjHttpConfig = (config: LiveStackConfig) => ({
  baseUrl: config.cjServiceUrl,
  ...(config.http?.timeoutMillis === undefined ? {} : { timeoutMillis: config.http.timeoutMillis }),
  ...(config.http?.retry === undefined ? {} : { retry: config.http.retry })
})

/** The admin token, resolved from the environment when CJ is first called. */
export const adminAuthLive = (config: Pick<LiveStackConfig, "env">) => adminAuthFromEnv(config.env ?? process.env)

/** CJ's admin and anchor API over HTTP, authenticated with the environment's admin token. */
export const cjAdminLive = (config: LiveStackConfig) => cjAdminHttp(cjHttpConfig(config)).pipe(Layer.provide(adminAuthLive(config)))

/** CJ plus the token source itself, for commands that show or check the token. */
export const cjAdminWithAuthLive = (config: LiveStackConfig) =>
  cjAdminHttp(cjHttpConfig(config)).pipe(Layer.provideMerge(adminAuthLive(config)))

/** The Content Service over HTTP, sized for the upload concurrency. */
export const contentStoreLive = (config: LiveStackConfig) =>
  contentStoreHttp({
    endpoint: config.contentServiceUrl,
    connections: config.uploadConcurrency ?? 10,
    ...(config.http?.timeoutMillis === undefined ? {} : { timeoutMillis: config.http.timeoutMillis }),
    ...(config.http?.retry === undefined ? {} : { retry: config.http.retry })
  })
