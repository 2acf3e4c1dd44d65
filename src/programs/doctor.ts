import { readdir } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Clock, Effect } from "effect"
import { claimProblems } from "../auth/adminToken.js"
import { DoctorFoundProblems } from "../errors.js"
import { isEssayFileName } from "../inventory/extractText.js"
import { checkWritableDir } from "../runFolder/runFolder.js"
import { AdminAuth } from "../services/AdminAuth.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { cjCheck, contentServiceCheck, type DoctorCheck, fail, kafkaCheck, pass } from "./doctorServices.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"

export interface DoctorOptions {
  readonly cjServiceUrl: string | undefined
  /** The Content Service's upload endpoint (…/v1/content). */
  readonly contentServiceUrl: string
  readonly kafkaBootstrap: string
  readonly assets: string | undefined
  readonly outputDir: string
  readonly correlationId: string
}

export interface DoctorReport {
  readonly checks: ReadonlyArray<DoctorCheck>
  readonly failed: number
  readonly error: FailureSummary | null
}

const countEssays = (dir: string) =>
  Effect.promise(() =>
    readdir(dir, { withFileTypes: true }).then(
      (entries) => entries.filter((e) => e.isFile() && isEssayFileName(e.name)).length,
      () => undefined
    )
  )

/** `eng5 doctor`: every service and local prerequisite a run needs, checked side by side. */
export const doctorProgram = Effect.fnUntraced(function* (options: DoctorOptions) {
  const auth = yield* AdminAuth
  const correlated = withCorrelationId(options.correlationId)

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

  const checks = yield* Effect.all([correlated(cjCheck(options.cjServiceUrl)), token, contentServiceCheck(options.contentServiceUrl), kafkaCheck(options.kafkaBootstrap), assets, outputDir], {
    concurrency: "unbounded"
  })
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
