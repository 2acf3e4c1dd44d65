import type { TokenClaims, TokenSource } from "../services/AdminAuth.js"
import { isHmacAlgorithm, signJwt } from "./jwt.js"

/** Claims of the dev token, exactly as the platform's jwt_helpers mints it (contracts §5.2). */
export const DEV_TOKEN_SUBJECT = "cj-admin-dev-cli"
export const DEV_TOKEN_LIFETIME_SECONDS = 3600
export const DEFAULT_JWT_ISSUER = "huleedu-identity-service"
export const DEFAULT_JWT_AUDIENCE = "huleedu-platform"
const PRODUCTION_ENVIRONMENTS = ["PRODUCTION", "STAGING", "PROD"]

export type Env = Readonly<Record<string, string | undefined>>

export type TokenResolution =
  | { readonly ok: true; readonly token: string; readonly source: TokenSource; readonly expiresAt: number | null }
  | { readonly ok: false; readonly message: string; readonly fix: string }

const nonBlank = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? undefined : trimmed
}

/** The variable that marks this as a production-like environment, if any (dev tokens are refused there). */
export const productionMarker = (env: Env): string | undefined =>
  ["ENVIRONMENT", "HULEEDU_ENVIRONMENT"].find((name) => PRODUCTION_ENVIRONMENTS.includes((env[name] ?? "").trim().toUpperCase()))

const TOKEN_FIX = "Set HULEEDU_SERVICE_ACCOUNT_TOKEN (or HULEEDU_ADMIN_TOKEN) to an admin token CJ accepts, e.g. in .env; then check it with `eng5 auth verify`."

/** A dev admin token signed with JWT_SECRET_KEY, refused in production-like environments. */
export const mintDevToken = (env: Env, nowSeconds: number): TokenResolution => {
  const marker = productionMarker(env)
  if (marker !== undefined) {
    return {
      ok: false,
      message: `No admin token is set, and eng5 does not mint dev tokens when ${marker}=${env[marker]?.trim()}.`,
      fix: TOKEN_FIX
    }
  }
  const secret = env.JWT_SECRET_KEY
  if (secret === undefined || secret === "") {
    return {
      ok: false,
      message: "No admin token is set, and JWT_SECRET_KEY is not set, so eng5 cannot mint a dev token.",
      fix: `${TOKEN_FIX} For a local dev stack, set JWT_SECRET_KEY to the CJ service's secret instead.`
    }
  }
  const algorithm = nonBlank(env.JWT_ALGORITHM) ?? "HS256"
  if (!isHmacAlgorithm(algorithm)) {
    return {
      ok: false,
      message: `JWT_ALGORITHM=${algorithm} needs a private key; eng5 mints dev tokens only with HS256, HS384 or HS512.`,
      fix: `${TOKEN_FIX} Or set JWT_ALGORITHM=HS256 if CJ verifies with JWT_SECRET_KEY.`
    }
  }
  const issuedAt = Math.floor(nowSeconds)
  const expiresAt = issuedAt + DEV_TOKEN_LIFETIME_SECONDS
  const claims = {
    sub: DEV_TOKEN_SUBJECT,
    iat: issuedAt,
    exp: expiresAt,
    iss: nonBlank(env.JWT_ISSUER) ?? DEFAULT_JWT_ISSUER,
    aud: nonBlank(env.JWT_AUDIENCE) ?? DEFAULT_JWT_AUDIENCE,
    roles: ["admin"]
  }
  return { ok: true, token: signJwt(claims, secret, algorithm), source: "dev token minted with JWT_SECRET_KEY", expiresAt }
}

/** The platform's order: the service-account token, then the admin token, else a dev token. */
export const resolveAdminToken = (env: Env, nowSeconds: number): TokenResolution => {
  const serviceAccount = nonBlank(env.HULEEDU_SERVICE_ACCOUNT_TOKEN)
  if (serviceAccount !== undefined) return { ok: true, token: serviceAccount, source: "HULEEDU_SERVICE_ACCOUNT_TOKEN", expiresAt: null }
  const admin = nonBlank(env.HULEEDU_ADMIN_TOKEN)
  if (admin !== undefined) return { ok: true, token: admin, source: "HULEEDU_ADMIN_TOKEN", expiresAt: null }
  return mintDevToken(env, nowSeconds)
}

/**
 * What CJ would reject in these claims before even checking the signature (contracts §5.3):
 * a missing or past `exp`, `iat`/`nbf` in the future, no `admin` role.
 */
export const claimProblems = (claims: TokenClaims | null, nowSeconds: number): ReadonlyArray<string> => {
  if (claims === null) return ["the token is not a JWT eng5 can read"]
  const problems: string[] = []
  if (claims.exp === undefined) problems.push("it has no exp claim, which CJ requires")
  else if (claims.exp <= nowSeconds) problems.push(`it expired at ${new Date(claims.exp * 1000).toISOString()}`)
  if (claims.iat !== undefined && claims.iat > nowSeconds) problems.push("its iat is in the future (check this machine's clock)")
  if (claims.nbf !== undefined && claims.nbf > nowSeconds) problems.push("its nbf is in the future")
  if (!(claims.roles ?? []).includes("admin")) problems.push(`its roles ${JSON.stringify(claims.roles ?? [])} do not include "admin"`)
  return problems
}
