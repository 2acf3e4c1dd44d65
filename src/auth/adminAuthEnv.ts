import { Effect, Layer, Redacted } from "effect"
import { AuthUnavailable } from "../errors.js"
import { AdminAuth, type AdminToken } from "../services/AdminAuth.js"
import { type Env, resolveAdminToken } from "./adminToken.js"
import { decodeClaims } from "./jwt.js"

/** A minted dev token is reused until it has less than this left. */
const REMINT_MARGIN_SECONDS = 60

/**
 * The admin token from the environment, resolved on first use so commands that never call
 * CJ never need one. The environment is never changed (the old runner set ENVIRONMENT, B14).
 */
export const adminAuthFromEnv = (env: Env, nowMillis: () => number = Date.now) =>
  Layer.sync(AdminAuth, () => {
    let minted: { readonly token: AdminToken; readonly expiresAt: number } | undefined
    const token = Effect.suspend(() => {
      const now = nowMillis() / 1000
      if (minted !== undefined && minted.expiresAt - now > REMINT_MARGIN_SECONDS) return Effect.succeed(minted.token)
      const resolved = resolveAdminToken(env, now)
      if (!resolved.ok) return Effect.fail(new AuthUnavailable({ message: resolved.message, fix: resolved.fix }))
      const adminToken: AdminToken = { value: Redacted.make(resolved.token), source: resolved.source, claims: decodeClaims(resolved.token) }
      if (resolved.expiresAt !== null) minted = { token: adminToken, expiresAt: resolved.expiresAt }
      return Effect.succeed(adminToken)
    })
    return AdminAuth.of({ token })
  })
