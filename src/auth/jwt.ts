import { createHmac } from "node:crypto"
import type { TokenClaims } from "../services/AdminAuth.js"

const HMAC_DIGESTS = { HS256: "sha256", HS384: "sha384", HS512: "sha512" } as const
export type HmacAlgorithm = keyof typeof HMAC_DIGESTS

export const isHmacAlgorithm = (value: string): value is HmacAlgorithm => value in HMAC_DIGESTS

const base64url = (data: string | Buffer): string => Buffer.from(data).toString("base64url")

/** Signs a compact JWS the way PyJWT does for HMAC algorithms: compact JSON, `{alg, typ}` header. */
export const signJwt = (claims: Readonly<Record<string, unknown>>, secret: string, algorithm: HmacAlgorithm): string => {
  const signingInput = `${base64url(JSON.stringify({ alg: algorithm, typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`
  const signature = createHmac(HMAC_DIGESTS[algorithm], secret).update(signingInput).digest()
  return `${signingInput}.${base64url(signature)}`
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
const numberOrUndefined = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined)

const audienceOf = (value: unknown): string | ReadonlyArray<string> | undefined => {
  if (typeof value === "string") return value
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value
  return undefined
}

/** Reads a JWT's payload without verifying it (only CJ can verify); null when it is not a JWT. */
export const decodeClaims = (token: string): TokenClaims | null => {
  const parts = token.split(".")
  if (parts.length !== 3 || parts[1] === undefined) return null
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"))
  } catch {
    return null
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null
  const record = payload as Record<string, unknown>
  const roles = Array.isArray(record.roles) ? record.roles.filter((r): r is string => typeof r === "string") : undefined
  const claims: { -readonly [K in keyof TokenClaims]: TokenClaims[K] } = {}
  const sub = stringOrUndefined(record.sub)
  const iss = stringOrUndefined(record.iss)
  const aud = audienceOf(record.aud)
  const exp = numberOrUndefined(record.exp)
  const iat = numberOrUndefined(record.iat)
  const nbf = numberOrUndefined(record.nbf)
  const orgId = stringOrUndefined(record.org_id)
  if (sub !== undefined) claims.sub = sub
  if (roles !== undefined) claims.roles = roles
  if (iss !== undefined) claims.iss = iss
  if (aud !== undefined) claims.aud = aud
  if (exp !== undefined) claims.exp = exp
  if (iat !== undefined) claims.iat = iat
  if (nbf !== undefined) claims.nbf = nbf
  if (orgId !== undefined) claims.org_id = orgId
  return claims
}
