import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { BuildInfo } from "./domain/buildArtefact.js"

const packageRoot = fileURLToPath(new URL("..", import.meta.url))
const UNKNOWN_SHA = "0000000"

const readJson = (relativePath: string): unknown => {
  try {
    return JSON.parse(readFileSync(new URL(relativePath, new URL("..", import.meta.url)), "utf8"))
  } catch {
    return undefined
  }
}

const field = (value: unknown, key: string): string | undefined =>
  typeof value === "object" && value !== null && key in value ? String((value as Record<string, unknown>)[key]) : undefined

/** The commit eng5 was built from: recorded at build time, else asked of git, else zeros. */
const gitSha = (): string => {
  const recorded = field(readJson("dist/build-info.json"), "gitSha")
  if (recorded !== undefined && /^[0-9a-f]{7,40}$/.test(recorded)) return recorded
  try {
    const sha = execFileSync("git", ["rev-parse", "HEAD"], { cwd: packageRoot, stdio: ["ignore", "pipe", "ignore"] }).toString().trim()
    return /^[0-9a-f]{7,40}$/.test(sha) ? sha : UNKNOWN_SHA
  } catch {
    return UNKNOWN_SHA
  }
}

let cached: BuildInfo | undefined

export const buildInfo = (): BuildInfo => {
  cached ??= {
    version: field(readJson("package.json"), "version") ?? "0.0.0",
    gitSha: gitSha(),
    nodeVersion: process.version,
    platform: process.platform
  }
  return cached
}
