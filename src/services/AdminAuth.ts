import { Context, type Effect, type Redacted } from "effect"
import type { AuthUnavailable } from "../errors.js"

/** Where the admin token came from, in the platform's order of preference (contracts §5.1). */
export type TokenSource = "HULEEDU_SERVICE_ACCOUNT_TOKEN" | "HULEEDU_ADMIN_TOKEN" | "dev token minted with JWT_SECRET_KEY"

/** The JWT claims eng5 shows and checks; read without verifying the signature. */
export interface TokenClaims {
  readonly sub?: string
  readonly roles?: ReadonlyArray<string>
  readonly iss?: string
  readonly aud?: string | ReadonlyArray<string>
  readonly exp?: number
  readonly iat?: number
  readonly nbf?: number
  readonly org_id?: string
}

export interface AdminToken {
  /** Only ever unwrapped to build an Authorization header. */
  readonly value: Redacted.Redacted<string>
  readonly source: TokenSource
  /** null when the token is not a readable JWT. */
  readonly claims: TokenClaims | null
}

/** The admin bearer token for CJ's admin API. */
export class AdminAuth extends Context.Service<
  AdminAuth,
  {
    readonly token: Effect.Effect<AdminToken, AuthUnavailable>
  }
>()("eng5/services/AdminAuth") {}
