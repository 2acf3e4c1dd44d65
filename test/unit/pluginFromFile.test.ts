import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Errors } from "@oclif/core"
import { describe, expect, it } from "vitest"
import { installArguments } from "../../src/hooks/pluginFromFile.js"

const cwd = mkdtempSync(join(tmpdir(), "eng5-install-args-"))
writeFileSync(join(cwd, "eng5-plugin-x-1.0.0.tgz"), "")
mkdirSync(join(cwd, "my-plugin"))

const failureOf = (argv: ReadonlyArray<string>) =>
  installArguments(argv, "eng5", cwd).then(
    () => {
      throw new Error("expected a usage error")
    },
    (error: unknown) => {
      if (!(error instanceof Errors.CLIError)) throw error
      return { message: error.message, exit: error.oclif.exit, fix: error.suggestions?.join(" ") ?? "" }
    }
  )

describe("eng5 plugins install arguments", () => {
  it("hands a packed plugin's file to npm as file:<absolute path>, written as a path or by its name", async () => {
    const file = `file:${join(cwd, "eng5-plugin-x-1.0.0.tgz")}`
    expect(await installArguments(["./eng5-plugin-x-1.0.0.tgz"], "eng5", cwd)).toEqual([file])
    expect(await installArguments(["eng5-plugin-x-1.0.0.tgz", "--verbose"], "eng5", cwd)).toEqual([file, "--verbose"])
    expect(await installArguments([join(cwd, "eng5-plugin-x-1.0.0.tgz")], "eng5", "/")).toEqual([file])
  })

  it("leaves npm names, GitHub slugs and URLs to @oclif/plugin-plugins", async () => {
    const others = ["eng5-plugin-y", "@acme/eng5-plugin-z@1.2.0", "acme/eng5-plugin", "https://github.com/acme/eng5-plugin", "my-plugin"]
    expect(await installArguments(others, "eng5", cwd)).toEqual(others)
  })

  it("refuses a missing file with exit 2 before npm runs, naming the path and how to make one", async () => {
    const failure = await failureOf(["./eng5-plugin-x-9.9.9.tgz"])
    expect(failure.exit).toBe(2)
    expect(failure.message).toBe(`There is no file ${join(cwd, "eng5-plugin-x-9.9.9.tgz")}.`)
    expect(failure.fix).toContain("npm pack")
  })

  it("refuses a folder with exit 2, pointing at npm pack and plugins link", async () => {
    const failure = await failureOf(["./my-plugin"])
    expect(failure.exit).toBe(2)
    expect(failure.message).toContain("./my-plugin is a folder")
    expect(failure.fix).toContain("eng5 plugins link ./my-plugin")
  })
})
