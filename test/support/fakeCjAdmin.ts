import { Effect, Layer, Redacted } from "effect"
import { AuthUnavailable, ServiceFailure } from "../../src/errors.js"
import { memoryContentStore } from "../../src/layers/sandbox/memoryContentStore.js"
import { sandboxCjAdmin } from "../../src/layers/sandbox/sandboxCjAdmin.js"
import { AdminAuth, type AdminToken } from "../../src/services/AdminAuth.js"
import { type AnchorRegistration, type AssignmentContext, CjAdmin, type CjAdminError } from "../../src/services/CjAdmin.js"
import { ContentStore } from "../../src/services/ContentStore.js"
import { CorrelationId } from "../../src/services/HttpContext.js"
import { NetworkProbe, type ProbeResult } from "../../src/services/NetworkProbe.js"

/**
 * The sandbox CJ (src/layers/sandbox/sandboxCjAdmin.ts) knowing only the given assignments, with
 * every call recorded (with the correlation id in effect) and failures injected: registering a
 * label in `failLabels` fails as CJ does when it cannot store the text; a label in `unkeptLabels`
 * is answered but not kept, as this platform's register endpoint does; `listFails` fails the list.
 */
export const recordingCjAdmin = (
  assignments: ReadonlyArray<AssignmentContext>,
  options: { failLabels?: ReadonlyArray<string>; unkeptLabels?: ReadonlyArray<string>; listFails?: CjAdminError } = {}
) => {
  const calls: Array<{ readonly call: string; readonly correlationId: string | undefined }> = []
  const registered: AnchorRegistration[] = []
  const cj = sandboxCjAdmin({ assignments, keepsRegistration: (registration) => !(options.unkeptLabels ?? []).includes(registration.anchorLabel) })
  const record = (call: string) =>
    Effect.gen(function* () {
      const correlationId = yield* CorrelationId
      calls.push({ call, correlationId })
    })
  const layer = Layer.succeed(
    CjAdmin,
    CjAdmin.of({
      getAssignment: (id) => Effect.andThen(record(`getAssignment ${id}`), cj.getAssignment(id)),
      getAnchorSummary: (id) => Effect.andThen(record(`getAnchorSummary ${id}`), cj.getAnchorSummary(id)),
      registerAnchor: (registration) =>
        Effect.andThen(
          record(`registerAnchor ${registration.anchorLabel}`),
          (options.failLabels ?? []).includes(registration.anchorLabel)
            ? Effect.fail(new ServiceFailure({ service: "CJ", message: "Failed to store essay content", fix: "Retry later." }))
            : Effect.tap(cj.registerAnchor(registration), () => Effect.sync(() => registered.push(registration)))
        ),
      listInstructions: (page) => Effect.andThen(record("listInstructions"), options.listFails === undefined ? cj.listInstructions(page) : Effect.fail(options.listFails))
    })
  )
  return { layer, calls, registered }
}

export const fixedAdminAuth = (token: AdminToken | "unavailable") =>
  Layer.succeed(AdminAuth, {
    token: token === "unavailable" ? Effect.fail(new AuthUnavailable({ message: "No admin token is set.", fix: "Set HULEEDU_SERVICE_ACCOUNT_TOKEN." })) : Effect.succeed(token)
  })

export const adminToken = (claims: AdminToken["claims"]): AdminToken => ({ value: Redacted.make("secret-token-value"), source: "HULEEDU_SERVICE_ACCOUNT_TOKEN", claims })

/** The sandbox's in-memory Content Service; when it is down, `exists` fails as an unanswered call would. */
export const fakeContentStore = (up: boolean) => {
  const store = memoryContentStore("http://content.test/v1/content").service
  const down = new ServiceFailure({ service: "Content Service", message: "Content Service did not answer.", fix: "Start it." })
  return Layer.succeed(ContentStore, up ? store : { ...store, exists: () => Effect.fail(down) })
}

export const fakeProbe = (reachable: (target: string) => boolean) =>
  Layer.succeed(NetworkProbe, {
    tcp: (host, port) => Effect.succeed<ProbeResult>({ ok: reachable(`${host}:${port}`), detail: `${host}:${port}` }),
    http: (url) => Effect.succeed<ProbeResult>({ ok: reachable(url), detail: url })
  })
