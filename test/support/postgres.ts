/**
 * A real PostgreSQL server for integration tests, without Docker.
 *
 * `ensurePostgres()` either uses the server named by `ENG5_TEST_DATABASE_URL` (then the caller
 * does not own it and `stop()` does nothing; its role must be allowed to create databases) or
 * starts a private server with `scripts/postgres/start.sh`, which installs Debian's
 * `postgresql` package with apt-get on first use. Each call gets its own state file, so
 * parallel test files get parallel servers; the script also watches this process and stops
 * the server if it dies without calling `stop()`.
 *
 * `postgresForTests()` is what a test file calls: a server, or — only when none can be had and
 * `ENG5_REQUIRE_SERVICES` is not set — undefined after a visible notice, so the file skips.
 * With `ENG5_REQUIRE_SERVICES=1` (CI) a missing server is an error.
 *
 * Set `POSTGRES_DEBUG=1` to see the scripts' progress lines on stderr.
 */
import { execFile } from "node:child_process"
import { randomBytes } from "node:crypto"
import { accessSync, constants, existsSync, readdirSync } from "node:fs"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"

export interface TestPostgres {
  /** `postgres://user:password@127.0.0.1:port/database` for a role that may create databases. */
  readonly url: string
  /** True when this process started the server (and so stops it). */
  readonly owned: boolean
  /** Stops the server and deletes its data. Idempotent; a no-op when not owned. */
  stop(): Promise<void>
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url))
const SCRIPTS_DIR = join(REPO_ROOT, "scripts", "postgres")
const STATE_DIR = join(REPO_ROOT, ".cache", "postgres-servers")
/** Safety net only: start.sh has its own readiness timeout; a first apt-get install adds a minute or so. */
const SCRIPT_TIMEOUT_MS = 5 * 60_000
const URL_LINE = /^DATABASE_URL=(\S+)$/mu

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

const onPath = (command: string): boolean =>
  (process.env["PATH"] ?? "").split(delimiter).some((dir) => dir !== "" && isExecutable(join(dir, command)))

const externalUrl = (): string | undefined => {
  const value = process.env["ENG5_TEST_DATABASE_URL"]?.trim()
  return value === undefined || value === "" ? undefined : value
}

const debianServerInstalled = (): boolean =>
  existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((version) => isExecutable(join("/usr/lib/postgresql", version, "bin", "pg_ctl")))

export const servicesRequired = (): boolean => process.env["ENG5_REQUIRE_SERVICES"] === "1"

/** True when a server can be had: a URL is given, the binaries are here, or root can apt-get them. */
export const postgresAvailable = (): boolean =>
  externalUrl() !== undefined ||
  (onPath("initdb") && onPath("pg_ctl")) ||
  debianServerInstalled() ||
  (process.getuid?.() === 0 && onPath("apt-get"))

const runScript = (script: string, env: NodeJS.ProcessEnv): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile("bash", [join(SCRIPTS_DIR, script)], { cwd: REPO_ROOT, env, encoding: "utf8", timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (process.env["POSTGRES_DEBUG"]) process.stderr.write(stderr)
      if (error) {
        const how = error.signal ? `signal ${error.signal}` : `exit code ${String(error.code)}`
        reject(new Error(`scripts/postgres/${script} failed (${how}):\n${stderr}`, { cause: error }))
        return
      }
      resolve(stdout)
    })
  })

/** Returns a server to test against; see the module comment. */
export const ensurePostgres = async (): Promise<TestPostgres> => {
  const external = externalUrl()
  if (external !== undefined) return { url: external, owned: false, stop: () => Promise.resolve() }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    POSTGRES_STATE_FILE: join(STATE_DIR, `${process.pid}-${randomBytes(4).toString("hex")}.env`),
    POSTGRES_WATCH_PID: String(process.pid)
  }
  const stdout = await runScript("start.sh", env)
  const url = URL_LINE.exec(stdout)?.[1]
  if (url === undefined) throw new Error(`scripts/postgres/start.sh printed no DATABASE_URL line:\n${stdout}`)
  let stopped: Promise<void> | undefined
  return {
    url,
    owned: true,
    stop: () => {
      stopped ??= runScript("stop.sh", env).then(() => undefined)
      return stopped
    }
  }
}

/** For a test file's top level: a server, or undefined (after a notice) when tests may skip. */
export const postgresForTests = async (suite: string): Promise<TestPostgres | undefined> => {
  const skip = (why: string) => {
    if (servicesRequired()) throw new Error(`${suite}: PostgreSQL is required (ENG5_REQUIRE_SERVICES=1) but ${why}`)
    process.stderr.write(`\n[notice] skipping ${suite}: ${why}. Set ENG5_TEST_DATABASE_URL, or install PostgreSQL (apt-get install -y postgresql).\n\n`)
    return undefined
  }
  if (!postgresAvailable()) return skip("no PostgreSQL server can be found or installed here")
  try {
    return await ensurePostgres()
  } catch (error) {
    return skip(`PostgreSQL could not be started (${error instanceof Error ? error.message : String(error)})`)
  }
}
