import { Clock, Effect } from "effect"
import { claimProblems } from "../auth/adminToken.js"
import { AdminAuth, type TokenSource } from "../services/AdminAuth.js"
import { CjAdmin } from "../services/CjAdmin.js"
import { withCorrelationId } from "../services/HttpContext.js"
import { type FailureSummary, summariseFailure } from "./outcome.js"

export interface ClaimsView {
  readonly subject: string | null
  readonly roles: ReadonlyArray<string>
  readonly issuer: string | null
  readonly audience: string | null
  readonly issuedAt: string | null
  readonly expiresAt: string | null
}

export interface AuthVerification {
  readonly source: TokenSource
  /** null when the token is not a JWT. Never the token itself. */
  readonly claims: ClaimsView | null
  /** What CJ would reject before checking the signature. */
  readonly problems: ReadonlyArray<string>
  readonly cjAccepted: boolean
  /** Instruction sets CJ showed the token (proof of an authenticated call). */
  readonly instructionSets: number | null
  readonly error: FailureSummary | null
}

const isoFromSeconds = (seconds: number | undefined): string | null => (seconds === undefined ? null : new Date(seconds * 1000).toISOString())

/**
 * `eng5 auth verify`: the token's source and claims, what CJ would object to, and one
 * authenticated call proving CJ accepts it. Unlike the old verify-auth (B15), no token or a
 * refused token is a failure.
 */
export const verifyAuthProgram = Effect.fnUntraced(function* (correlationId: string) {
  const auth = yield* AdminAuth
  const cj = yield* CjAdmin
  const token = yield* auth.token
  const now = (yield* Clock.currentTimeMillis) / 1000
  const claims = token.claims
  const audience = claims?.aud === undefined ? null : typeof claims.aud === "string" ? claims.aud : claims.aud.join(", ")
  const call = yield* Effect.result(withCorrelationId(correlationId)(cj.listInstructions({ page: 1, pageSize: 1 })))
  const verification: AuthVerification = {
    source: token.source,
    claims:
      claims === null
        ? null
        : {
            subject: claims.sub ?? null,
            roles: claims.roles ?? [],
            issuer: claims.iss ?? null,
            audience,
            issuedAt: isoFromSeconds(claims.iat),
            expiresAt: isoFromSeconds(claims.exp)
          },
    problems: claimProblems(claims, now),
    cjAccepted: call._tag === "Success",
    instructionSets: call._tag === "Success" ? call.success.total : null,
    error: call._tag === "Success" ? null : summariseFailure(call.failure)
  }
  return verification
})
