/** Environment variables whose values are secrets and must never be printed, logged or stored. */
export const SECRET_ENV_VARS = [
  "HULEEDU_SERVICE_ACCOUNT_TOKEN",
  "HULEEDU_ADMIN_TOKEN",
  "JWT_SECRET_KEY",
  "HULEEDU_DB_PASSWORD"
] as const

const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g
const URL_PASSWORD_PATTERN = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi
export const REDACTED = "[REDACTED]"

/** Returns a function that masks JWTs, URL passwords and the given secret values in any text. */
export const makeRedactor = (secrets: ReadonlyArray<string>) => {
  const values = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)
  return (text: string): string => {
    let out = text.replace(JWT_PATTERN, REDACTED).replace(URL_PASSWORD_PATTERN, `$1${REDACTED}@`)
    for (const value of values) out = out.split(value).join(REDACTED)
    return out
  }
}

export const secretsFromEnv = (env: NodeJS.ProcessEnv): string[] =>
  SECRET_ENV_VARS.flatMap((name) => {
    const value = env[name]
    return value === undefined || value === "" ? [] : [value]
  })
