import type { ComparisonRecord } from "./artefact.js"
import { comparisonFragment } from "./buildArtefact.js"

const keyPrefixes = new Map<string, string>()
const prefixOf = (key: string): string => {
  let prefix = keyPrefixes.get(key)
  if (prefix === undefined) {
    prefix = `      ${JSON.stringify(key)}: `
    keyPrefixes.set(key, prefix)
  }
  return prefix
}

/**
 * `comparisonFragment(record)`, byte for byte, without pretty-printing a wrapper: a comparison
 * record is flat, so each field is one line. Anything nested goes to `comparisonFragment`.
 */
export const flatRecordFragment = (record: ComparisonRecord): string => {
  const lines: string[] = []
  for (const key of Object.keys(record)) {
    const value: unknown = record[key as keyof ComparisonRecord]
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue
    if (typeof value === "object" && value !== null) return comparisonFragment(record)
    if (typeof value === "bigint") return comparisonFragment(record)
    lines.push(prefixOf(key) + JSON.stringify(value))
  }
  return lines.length === 0 ? "    {}" : `    {\n${lines.join(",\n")}\n    }`
}
