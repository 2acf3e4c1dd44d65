import { Effect } from "effect"
import { InvalidFlag } from "./core.js"

/** The platform's defaults (contracts §1): the dev stack publishes the CJ database on 5434. */
export const CJ_DATABASE_DEFAULTS = {
  host: "localhost",
  port: 5434,
  user: "huleedu_user",
  database: "huleedu_cj_assessment"
} as const

export type CjDatabaseConnection =
  | { readonly host: string; readonly port: number; readonly user: string; readonly password?: string; readonly database: string }
  | { readonly connectionString: string }

export interface CjDatabaseSettings {
  /** Handed to `pg` as is; holds the password, so it is never printed. */
  readonly connection: CjDatabaseConnection
  /** `user@host:port/database`, safe to print. */
  readonly description: string
  /** Values to mask in any message (the password). */
  readonly secrets: ReadonlyArray<string>
  readonly connectTimeoutMillis: number
  /** Per query, enforced by the server (`statement_timeout`) and by the client. */
  readonly queryTimeoutMillis: number
}

export interface CjDatabaseOptions {
  /** `--cj-database-url`: a `postgres://` connection string; wins over the environment. */
  readonly url?: string | undefined
  readonly connectTimeoutMillis?: number
  readonly queryTimeoutMillis?: number
}

const DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000
const DEFAULT_QUERY_TIMEOUT_MILLIS = 60_000

const setting = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const value = env[name]?.trim()
  return value === undefined || value === "" ? undefined : value
}

const parsePort = (text: string, variable: string) => {
  const port = Number(text)
  return Number.isInteger(port) && port >= 1 && port <= 65_535
    ? Effect.succeed(port)
    : Effect.fail(
        new InvalidFlag({
          flag: variable,
          message: `${variable}=${text} is not a TCP port.`,
          fix: `Set ${variable} to the CJ database's port (1–65535; the dev stack uses ${CJ_DATABASE_DEFAULTS.port}) or unset it.`
        })
      )
}

const parseUrl = (text: string): URL | undefined => {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const fromUrl = (url: string, timeouts: Pick<CjDatabaseSettings, "connectTimeoutMillis" | "queryTimeoutMillis">) => {
  const parsed = parseUrl(url)
  if (parsed === undefined || (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")) {
    return Effect.fail(
      new InvalidFlag({
        flag: "--cj-database-url",
        message: "--cj-database-url is not a postgres:// connection string.",
        fix: "Pass --cj-database-url postgres://USER:PASSWORD@HOST:PORT/huleedu_cj_assessment, or leave it out to use HULEEDU_DB_HOST, HULEEDU_CJ_DB_PORT, HULEEDU_DB_USER and HULEEDU_DB_PASSWORD."
      })
    )
  }
  const password = decoded(parsed.password)
  const user = decoded(parsed.username) || "(default user)"
  const database = decoded(parsed.pathname.replace(/^\//, "")) || "(default database)"
  return Effect.succeed<CjDatabaseSettings>({
    connection: { connectionString: url },
    description: `${user}@${parsed.hostname || "localhost"}:${parsed.port || "5432"}/${database}`,
    secrets: [...new Set([password, parsed.password])].filter((secret) => secret !== ""),
    ...timeouts
  })
}

/**
 * Where the CJ database is: `--cj-database-url` if given, else the platform's variables
 * HULEEDU_DB_HOST, HULEEDU_CJ_DB_PORT then HULEEDU_DB_PORT, HULEEDU_DB_USER and
 * HULEEDU_DB_PASSWORD, database huleedu_cj_assessment. Without a password `pg` falls back to
 * PGPASSWORD or ~/.pgpass; no password is built in.
 */
export const cjDatabaseSettings = (env: Readonly<Record<string, string | undefined>>, options: CjDatabaseOptions = {}) => {
  const timeouts = {
    connectTimeoutMillis: options.connectTimeoutMillis ?? DEFAULT_CONNECT_TIMEOUT_MILLIS,
    queryTimeoutMillis: options.queryTimeoutMillis ?? DEFAULT_QUERY_TIMEOUT_MILLIS
  }
  const url = options.url?.trim()
  if (url !== undefined && url !== "") return fromUrl(url, timeouts)

  const portVariable = setting(env, "HULEEDU_CJ_DB_PORT") === undefined ? "HULEEDU_DB_PORT" : "HULEEDU_CJ_DB_PORT"
  const portText = setting(env, portVariable)
  const portSetting: Effect.Effect<number, InvalidFlag> = portText === undefined ? Effect.succeed(CJ_DATABASE_DEFAULTS.port) : parsePort(portText, portVariable)
  return portSetting.pipe(
    Effect.map((port): CjDatabaseSettings => {
      const host = setting(env, "HULEEDU_DB_HOST") ?? CJ_DATABASE_DEFAULTS.host
      const user = setting(env, "HULEEDU_DB_USER") ?? CJ_DATABASE_DEFAULTS.user
      const password = env["HULEEDU_DB_PASSWORD"]
      const database = CJ_DATABASE_DEFAULTS.database
      return {
        connection: { host, port, user, database, ...(password === undefined || password === "" ? {} : { password }) },
        description: `${user}@${host}:${port}/${database}`,
        secrets: password === undefined || password === "" ? [] : [password],
        ...timeouts
      }
    })
  )
}
