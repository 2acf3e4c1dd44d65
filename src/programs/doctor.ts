import { readdir } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Clock, Effect } from "effect"
import { claimProblems } from "../auth/adminToken.js"
import { DoctorFoundProblems } from "../errors.js"
import { isEssayFileName } from "../inventory/extractText.js"
import { checkWritableDir } from "../runFolder/runFolder.js"
import { AdminAuth } from "../services/AdminAuth.js"
import { CjAdmin } from "../services/CjAdmin.js"
import { ContentStore } from "../services/ContentStore.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { NetworkProbe } from "../services/NetworkProbe.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"

export interface DoctorOptions {
  readonly cjServiceUrl: string | undefined
  readonly kafkaBootstrap: string
  readonly assets: string | undefined
  readonly outputDir: string
  readonly correlationId: string
}

export interface DoctorCheck {
  readonly name: string
  readonly status: "pass" | "fail" | "skip"
  readonly detail: string
  /** What to do when the check fails. */
  readonly fix: string | null
}

export interface DoctorReport {
  readonly checks: ReadonlyArray<DoctorCheck>
  readonly failed: number
  readonly error: FailureSummary | null
}

const pass = (name: string, detail: string): DoctorCheck => ({ name, status: "pass", detail, fix: null })
const fail = (name: string, detail: string, fix: string): DoctorCheck => ({ name, status: "fail", detail, fix })

const countEssays = (dir: string) =>
  Effect.promise(() =>
    readdir(dir, { withFileTypes: true }).then(
      (entries) => entries.filter((e) => e.isFile() && isEssayFileName(e.name)).length,
      () => undefined
    )
  )

/** `host:port[,host:port]` as KAFKA_BOOTSTRAP_SERVERS spells it. */
export const parseBootstrap = (bootstrap: string): ReadonlyArray<{ host: string; port: number }> =>
  bootstrap
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const colon = entry.lastIndexOf(":")
      return colon === -1 ? { host: entry, port: 9092 } : { host: entry.slice(0, colon).replace(/^\[|\]$/g, ""), port: Number(entry.slice(colon + 1)) }
    })

/** `eng5 doctor`: every service and local prerequisite a run needs, checked side by side. */
export const doctorProgram = Effect.fnUntraced(function* (options: DoctorOptions) {
  const auth = yield* AdminAuth
  const cj = yield* CjAdmin
  const store = yield* ContentStore
  const probe = yield* NetworkProbe
  const correlated = withCorrelationId(options.correlationId)

  const cjReachable = Effect.gen(function* () {
    const name = "CJ Assessment Service reachable"
    if (options.cjServiceUrl === undefined || options.cjServiceUrl.trim() === "") return fail(name, "no URL configured", "Pass --cj-service-url URL or set CJ_SERVICE_URL.")
    const result = yield* probe.http(`${options.cjServiceUrl.trim().replace(/\/+$/, "")}/healthz`)
    return result.ok ? pass(name, result.detail) : fail(name, result.detail, "Start CJ or fix --cj-service-url / CJ_SERVICE_URL (dev stack: http://localhost:9095).")
  })

  const token = Effect.gen(function* () {
    const name = "Admin token"
    const found = yield* Effect.result(auth.token)
    if (found._tag === "Failure") return fail(name, found.failure.message, found.failure.fix)
    const problems = claimProblems(found.success.claims, (yield* Clock.currentTimeMillis) / 1000)
    const claims = found.success.claims
    const about = `${found.success.source}${claims?.sub === undefined ? "" : `, sub ${claims.sub}`}${claims?.exp === undefined ? "" : `, expires ${new Date(claims.exp * 1000).toISOString()}`}`
    return problems.length === 0
      ? pass(name, about)
      : fail(name, `${about}: ${problems.join("; ")}`, "Set HULEEDU_SERVICE_ACCOUNT_TOKEN to a current admin token, or unset it to use a dev token minted with JWT_SECRET_KEY.")
  })

  const cjAcceptsToken = Effect.gen(function* () {
    const name = "CJ accepts the token"
    const call = yield* Effect.result(correlated(cj.listInstructions({ page: 1, pageSize: 1 })))
    if (call._tag === "Success") return pass(name, `CJ lists ${call.success.total} instruction set${call.success.total === 1 ? "" : "s"}`)
    if (call.failure._tag === "AuthUnavailable") return fail(name, "no token to test", "Fix the Admin token check first.")
    return fail(name, call.failure.message, call.failure.fix)
  })

  const contentService = Effect.gen(function* () {
    const name = "Content Service reachable"
    const call = yield* Effect.result(correlated(store.exists("0".repeat(32))))
    return call._tag === "Success" ? pass(name, `${store.endpoint} answers existence checks`) : fail(name, call.failure.message, call.failure.fix)
  })

  const kafka = Effect.gen(function* () {
    const name = "Kafka bootstrap reachable"
    const brokers = parseBootstrap(options.kafkaBootstrap)
    if (brokers.length === 0 || brokers.some((b) => !Number.isInteger(b.port))) {
      return fail(name, `"${options.kafkaBootstrap}" is not a host:port list`, "Pass --kafka-bootstrap host:port[,host:port] or set KAFKA_BOOTSTRAP_SERVERS.")
    }
    const results = yield* Effect.forEach(brokers, (b) => probe.tcp(b.host, b.port), { concurrency: "unbounded" })
    const detail = results.map((r) => r.detail).join("; ")
    return results.some((r) => r.ok) ? pass(name, detail) : fail(name, detail, "Start Kafka or fix --kafka-bootstrap / KAFKA_BOOTSTRAP_SERVERS (from the host the dev stack listens on localhost:9093).")
  })

  const assets = Effect.gen(function* () {
    const name = "Assets"
    if (options.assets === undefined) return { name, status: "skip", detail: "no --assets given", fix: null } satisfies DoctorCheck
    const dir = resolve(options.assets)
    const [anchors, students] = [yield* countEssays(join(dir, "anchor_essays")), yield* countEssays(join(dir, "student_essays"))]
    if (students === undefined || students === 0) {
      return fail(name, `${join(dir, "student_essays")} ${students === undefined ? "is missing" : "holds no essays"}`, "Point --assets at a dataset folder with student_essays/ (and anchor_essays/), e.g. examples/eng5.")
    }
    return pass(name, `${students} student essays, ${anchors ?? 0} local anchors in ${dir}`)
  })

  const outputDir = Effect.gen(function* () {
    const name = "Output directory writable"
    const checked = yield* Effect.result(checkWritableDir(options.outputDir))
    return checked._tag === "Success" ? pass(name, checked.success) : fail(name, checked.failure.message, checked.failure.fix)
  })

  const checks = yield* Effect.all([cjReachable, token, cjAcceptsToken, contentService, kafka, assets, outputDir], { concurrency: "unbounded" })
  const failed = checks.filter((c) => c.status === "fail").length
  const report: DoctorReport = {
    checks,
    failed,
    error:
      failed === 0
        ? null
        : summariseFailure(new DoctorFoundProblems({ failed, message: `${failed} of ${checks.length} checks failed.`, fix: "Apply the fix shown for each failed check and run `eng5 doctor` again." }))
  }
  return report
})
