import { Effect, Layer, Redacted } from "effect"
import { AuthUnavailable, ServiceFailure } from "../../src/errors.js"
import { sandboxCjAdmin } from "../../src/layers/sandbox/sandboxCjAdmin.js"
import { AdminAuth, type AdminToken } from "../../src/services/AdminAuth.js"
import { type AnchorRegistration, type AssignmentContext, CjAdmin, type CjAdminError } from "../../src/services/CjAdmin.js"
import { CorrelationId } from "../../src/services/HttpContext.js"
import { type HttpProbe, type KafkaProbe, NetworkProbe } from "../../src/services/NetworkProbe.js"
import { PLATFORM_TOPICS } from "./cjResponder.js"

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

/** The answers doctor's probes get: each service as it answers on the platform, unless overridden. */
export interface FakeNetwork {
  readonly http?: (url: string) => HttpProbe | undefined
  readonly kafka?: KafkaProbe
}

const platformAnswer = (url: string): HttpProbe =>
  url.endsWith("/healthz")
    ? { _tag: "Answered", status: 200, contentType: "application/json", body: '{"status":"healthy"}', excerpt: '{"status":"healthy"}' }
    : { _tag: "Answered", status: 404, contentType: "application/json", body: '{"error":{"error_code":"RESOURCE_NOT_FOUND","message":"Content not found"}}', excerpt: "" }

export const fakeProbe = (network: FakeNetwork = {}) =>
  Layer.succeed(NetworkProbe, {
    http: (url) => Effect.succeed(network.http?.(url) ?? platformAnswer(url)),
    kafka: (servers) => Effect.succeed(network.kafka ?? { _tag: "Kafka", server: `${servers[0]?.host}:${servers[0]?.port}`, apis: 60, brokers: ["localhost:9093"], topics: PLATFORM_TOPICS })
  })
