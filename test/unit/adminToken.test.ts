import { createHmac } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { adminAuthFromEnv } from "../../src/auth/adminAuthEnv.js"
import { claimProblems, DEV_TOKEN_LIFETIME_SECONDS, resolveAdminToken } from "../../src/auth/adminToken.js"
import { decodeClaims } from "../../src/auth/jwt.js"
import { AdminAuth } from "../../src/services/AdminAuth.js"

const NOW = 1_780_000_000
const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"))
const payload = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"))
const signatureValid = (token: string, secret: string, digest: string) => {
  const [head = "", body = "", signature = ""] = token.split(".")
  return createHmac(digest, secret).update(`${head}.${body}`).digest("base64url") === signature
}

describe("admin token source (contracts §5.1)", () => {
  it("prefers HULEEDU_SERVICE_ACCOUNT_TOKEN, then HULEEDU_ADMIN_TOKEN, then a dev token", () => {
    const env = { HULEEDU_SERVICE_ACCOUNT_TOKEN: " service ", HULEEDU_ADMIN_TOKEN: "admin", JWT_SECRET_KEY: "s" }
    assert.deepInclude(resolveAdminToken(env, NOW), { ok: true, token: "service", source: "HULEEDU_SERVICE_ACCOUNT_TOKEN" })
    assert.deepInclude(resolveAdminToken({ ...env, HULEEDU_SERVICE_ACCOUNT_TOKEN: "" }, NOW), { ok: true, token: "admin", source: "HULEEDU_ADMIN_TOKEN" })
    assert.deepInclude(resolveAdminToken({ JWT_SECRET_KEY: "s" }, NOW), { ok: true, source: "dev token minted with JWT_SECRET_KEY" })
  })

  it("mints the dev token exactly as the platform's jwt_helpers does", () => {
    const resolved = resolveAdminToken({ JWT_SECRET_KEY: "dev-secret" }, NOW + 0.7)
    assert.isTrue(resolved.ok)
    const token = resolved.ok ? resolved.token : ""
    assert.deepStrictEqual(header(token), { alg: "HS256", typ: "JWT" })
    assert.deepStrictEqual(payload(token), {
      sub: "cj-admin-dev-cli",
      iat: NOW,
      exp: NOW + DEV_TOKEN_LIFETIME_SECONDS,
      iss: "huleedu-identity-service",
      aud: "huleedu-platform",
      roles: ["admin"]
    })
    assert.isTrue(signatureValid(token, "dev-secret", "sha256"))
  })

  it("honours JWT_ALGORITHM, JWT_ISSUER and JWT_AUDIENCE, and refuses algorithms that need a key pair", () => {
    const resolved = resolveAdminToken({ JWT_SECRET_KEY: "k", JWT_ALGORITHM: "HS512", JWT_ISSUER: "iss-x", JWT_AUDIENCE: "aud-y" }, NOW)
    const token = resolved.ok ? resolved.token : ""
    assert.isTrue(signatureValid(token, "k", "sha512"))
    assert.include(payload(token), { iss: "iss-x", aud: "aud-y" })
    const rs = resolveAdminToken({ JWT_SECRET_KEY: "k", JWT_ALGORITHM: "RS256" }, NOW)
    assert.isFalse(rs.ok)
    assert.include(rs.ok ? "" : rs.message, "RS256")
  })

  it.each([
    ["ENVIRONMENT", "production"],
    ["ENVIRONMENT", "Staging"],
    ["HULEEDU_ENVIRONMENT", " PROD "]
  ])("refuses to mint a dev token when %s=%s, but still uses a given token", (name, value) => {
    const refused = resolveAdminToken({ JWT_SECRET_KEY: "k", [name]: value }, NOW)
    assert.isFalse(refused.ok)
    assert.include(refused.ok ? "" : refused.message, name)
    assert.include(refused.ok ? "" : refused.fix, "HULEEDU_SERVICE_ACCOUNT_TOKEN")
    assert.isTrue(resolveAdminToken({ HULEEDU_ADMIN_TOKEN: "t", [name]: value }, NOW).ok)
  })

  it("explains a missing JWT_SECRET_KEY", () => {
    const resolved = resolveAdminToken({ ENVIRONMENT: "development" }, NOW)
    assert.include(resolved.ok ? "" : resolved.message, "JWT_SECRET_KEY is not set")
  })
})

describe("claims", () => {
  it("decodes without verifying and lists what CJ would reject", () => {
    const token = resolveAdminToken({ JWT_SECRET_KEY: "k" }, NOW)
    const claims = decodeClaims(token.ok ? token.token : "")
    assert.deepStrictEqual(claimProblems(claims, NOW + 10), [])
    assert.include(claimProblems(claims, NOW + DEV_TOKEN_LIFETIME_SECONDS + 1)[0] ?? "", "expired")
    assert.deepStrictEqual(claimProblems({ roles: ["teacher"], iat: NOW + 100 }, NOW).length, 3)
    assert.isNull(decodeClaims("not-a-jwt"))
    assert.deepStrictEqual(claimProblems(null, NOW), ["the token is not a JWT eng5 can read"])
  })
})

describe("AdminAuth from the environment", () => {
  it.effect("reuses a minted token until it is close to expiry, and wraps it as Redacted", () =>
    Effect.gen(function* () {
      let now = NOW * 1000
      const layer = adminAuthFromEnv({ JWT_SECRET_KEY: "k" }, () => now)
      const tokens = yield* Effect.provide(
        Effect.gen(function* () {
          const auth = yield* AdminAuth
          const first = yield* auth.token
          now += 60_000
          const second = yield* auth.token
          now += (DEV_TOKEN_LIFETIME_SECONDS - 90) * 1000
          const third = yield* auth.token
          return [first, second, third]
        }),
        layer
      )
      const [first, second, third] = tokens.map((t) => Redacted.value(t.value))
      assert.strictEqual(first, second)
      assert.notStrictEqual(second, third)
      assert.notInclude(String(tokens[0]?.value), first ?? "x")
    }))

  it.effect("fails with AuthUnavailable (exit 2) when no token can be had", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.provide(AdminAuth.use((a) => a.token), adminAuthFromEnv({})))
      assert.strictEqual(error._tag, "AuthUnavailable")
      assert.strictEqual(error.exitCode, 2)
    }))
})
