import { Effect, Layer, Redacted } from "effect"
import { AssignmentNotFound, AuthUnavailable, ServiceFailure } from "../../src/errors.js"
import { AdminAuth, type AdminToken } from "../../src/services/AdminAuth.js"
import { type AnchorRegistration, type AssignmentContext, CjAdmin, type CjAdminError } from "../../src/services/CjAdmin.js"
import { ContentStore } from "../../src/services/ContentStore.js"
import { CorrelationId } from "../../src/services/HttpContext.js"
import { NetworkProbe, type ProbeResult } from "../../src/services/NetworkProbe.js"

/** An in-memory CJ that records calls (with the correlation id in effect) for unit tests of programs. */
export const recordingCjAdmin = (assignments: ReadonlyArray<AssignmentContext>, options: { failLabels?: ReadonlyArray<string>; listFails?: CjAdminError } = {}) => {
  const calls: Array<{ readonly call: string; readonly correlationId: string | undefined }> = []
  const registered: AnchorRegistration[] = []
  const anchors = new Map<string, AnchorRegistration>()
  const record = (call: string) =>
    Effect.gen(function* () {
      const correlationId = yield* CorrelationId
      calls.push({ call, correlationId })
    })
  const find = (id: string) => {
    const found = assignments.find((a) => a.assignmentId === id)
    return found === undefined ? Effect.fail(new AssignmentNotFound({ assignmentId: id, message: `No instructions for ${id}.`, fix: "Check the id." })) : Effect.succeed(found)
  }
  const layer = Layer.succeed(CjAdmin, {
    getAssignment: (id) => Effect.andThen(record(`getAssignment ${id}`), find(id)),
    getAnchorSummary: (id) =>
      Effect.andThen(
        record(`getAnchorSummary ${id}`),
        Effect.map(find(id), (a) => {
          const mine = [...anchors.values()].filter((r) => r.assignmentId === id)
          return {
            assignmentId: id,
            gradeScale: a.gradeScale,
            anchorCount: mine.length,
            anchorCountTotal: mine.length,
            anchorCountByScale: { [a.gradeScale]: mine.length },
            anchors: mine.map((r, i) => ({ id: i + 1, anchorLabel: r.anchorLabel, grade: r.grade, gradeScale: a.gradeScale, textStorageId: "s".repeat(32) }))
          }
        })
      ),
    registerAnchor: (registration) =>
      Effect.andThen(
        record(`registerAnchor ${registration.anchorLabel}`),
        (options.failLabels ?? []).includes(registration.anchorLabel)
          ? Effect.fail(new ServiceFailure({ service: "CJ", message: "Failed to store essay content", fix: "Retry later." }))
          : Effect.sync(() => {
              registered.push(registration)
              anchors.set(`${registration.assignmentId}/${registration.anchorLabel}`, registration)
              return { anchorId: anchors.size, storageId: "s".repeat(32), gradeScale: "", status: "registered" }
            })
      ),
    listInstructions: () =>
      Effect.andThen(
        record("listInstructions"),
        options.listFails === undefined ? Effect.succeed({ items: [], total: assignments.length, page: 1, pageSize: 1 }) : Effect.fail(options.listFails)
      )
  })
  return { layer, calls, registered }
}

export const fixedAdminAuth = (token: AdminToken | "unavailable") =>
  Layer.succeed(AdminAuth, {
    token: token === "unavailable" ? Effect.fail(new AuthUnavailable({ message: "No admin token is set.", fix: "Set HULEEDU_SERVICE_ACCOUNT_TOKEN." })) : Effect.succeed(token)
  })

export const adminToken = (claims: AdminToken["claims"]): AdminToken => ({ value: Redacted.make("secret-token-value"), source: "HULEEDU_SERVICE_ACCOUNT_TOKEN", claims })

export const fakeContentStore = (up: boolean) =>
  Layer.succeed(ContentStore, {
    endpoint: "http://content.test/v1/content",
    upload: () => Effect.succeed("a".repeat(32)),
    exists: () => (up ? Effect.succeed(false) : Effect.fail(new ServiceFailure({ service: "Content Service", message: "Content Service did not answer.", fix: "Start it." })))
  })

export const fakeProbe = (reachable: (target: string) => boolean) =>
  Layer.succeed(NetworkProbe, {
    tcp: (host, port) => Effect.succeed<ProbeResult>({ ok: reachable(`${host}:${port}`), detail: `${host}:${port}` }),
    http: (url) => Effect.succeed<ProbeResult>({ ok: reachable(url), detail: url })
  })
