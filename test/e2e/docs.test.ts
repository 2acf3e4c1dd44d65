/**
 * The generated parts of the docs match the code: docs/commands.md (every command's help) and
 * the list of SDK exports in docs/plugins.md. Needs the built CLI, as `npm test` has it.
 */
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"

const ROOT = new URL("../..", import.meta.url).pathname

describe("generated docs", () => {
  it("docs/commands.md and the SDK exports in docs/plugins.md are what `npm run docs` writes", () => {
    const checked = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate-docs.ts", "--check"], { cwd: ROOT, encoding: "utf8" })
    expect(checked.stderr).toBe("")
    expect(checked.status).toBe(0)
  }, 60_000)
})
