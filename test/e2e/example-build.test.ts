/**
 * `npm run example` builds only when a source changed since the last build (issue 14, item 10).
 * The script runs in a copy of the checkout's layout with an `npm` on PATH that records its calls.
 */
import { execFileSync } from "node:child_process"
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const SCRIPT = fileURLToPath(new URL("../../scripts/build-if-stale.mjs", import.meta.url))
const PLUGINS = ["plugins/anchor-align", "plugins/db-extract", "examples/plugin-hello-mode"]

const checkout = () => {
  const root = mkdtempSync(join(tmpdir(), "eng5-stale-"))
  const write = (path: string, text = "") => {
    mkdirSync(join(root, path, ".."), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  mkdirSync(join(root, "scripts"))
  copyFileSync(SCRIPT, join(root, "scripts", "build-if-stale.mjs"))
  for (const path of ["src/index.ts", "package.json", "tsconfig.json", ...PLUGINS.map((p) => `${p}/src/index.ts`)]) write(path)
  const calls = join(root, "npm-calls.txt")
  write("fake-bin/npm", `#!/bin/sh\necho "$@" >> '${calls}'\n`)
  chmodSync(join(root, "fake-bin", "npm"), 0o755)
  const build = (at: Date) => {
    for (const path of ["oclif.manifest.json", ...PLUGINS.map((p) => `${p}/dist/index.js`)]) write(path)
    utimesSync(join(root, "oclif.manifest.json"), at, at)
  }
  const source = (path: string, at: Date) => utimesSync(join(root, path), at, at)
  const run = () => {
    execFileSync(process.execPath, [join(root, "scripts", "build-if-stale.mjs")], { env: { ...process.env, PATH: `${join(root, "fake-bin")}:${process.env["PATH"] ?? ""}` } })
    return existsSync(calls) ? readFileSync(calls, "utf8").trim().split("\n") : []
  }
  return { build, source, run }
}

describe("the example's build step", () => {
  const earlier = new Date(Date.now() - 60_000)
  const later = new Date(Date.now() + 60_000)

  it("builds a checkout that was never built", () => {
    expect(checkout().run()).toEqual(["run build"])
  })

  it("does nothing when the build is newer than every source", () => {
    const repo = checkout()
    for (const path of ["src/index.ts", "package.json", "tsconfig.json"]) repo.source(path, earlier)
    for (const plugin of PLUGINS) repo.source(`${plugin}/src/index.ts`, earlier)
    repo.build(later)
    expect(repo.run()).toEqual([])
  })

  it("builds again when a plugin's source changed after the build", () => {
    const repo = checkout()
    repo.build(earlier)
    repo.source("plugins/db-extract/src/index.ts", later)
    expect(repo.run()).toEqual(["run build"])
  })
})
