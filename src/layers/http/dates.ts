const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i
const RFC_822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})$/i
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

const offsetMinutes = (zone: string | undefined): number => {
  if (zone === undefined || /^(Z|GMT|UTC|UT)$/i.test(zone)) return 0
  const digits = zone.replace(":", "")
  const sign = digits.startsWith("-") ? -1 : 1
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)))
}

const validDate = (millis: number): Date | undefined => (Number.isFinite(millis) ? new Date(millis) : undefined)

/**
 * A timestamp as CJ may send it (contracts §3.4): ISO 8601 with or without an offset (no
 * offset means UTC, as CJ's naive datetimes are) or an RFC 822 HTTP date from Quart's JSON
 * provider. Anything else is undefined: eng5 never depends on these dates.
 */
export const parseServiceDate = (value: unknown): Date | undefined => {
  if (typeof value !== "string") return undefined
  const text = value.trim()
  const iso = ISO_8601.exec(text)
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso
    const millis = Number((fraction ?? "0").padEnd(3, "0").slice(0, 3))
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis)
    return validDate(utc - offsetMinutes(zone) * 60_000)
  }
  const rfc = RFC_822.exec(text)
  if (rfc !== null) {
    const [, d, monthName, y, h, mi, s, zone] = rfc
    const month = MONTHS.indexOf((monthName ?? "").toLowerCase())
    if (month === -1) return undefined
    const year = (y ?? "").length === 2 ? 2000 + Number(y) : Number(y)
    const utc = Date.UTC(year, month, Number(d), Number(h), Number(mi), Number(s ?? "0"))
    return validDate(utc - offsetMinutes(zone) * 60_000)
  }
  return undefined
}
