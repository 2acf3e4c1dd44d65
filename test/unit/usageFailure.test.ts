import { describe, expect, it } from "vitest"
import { usageFailureOf } from "../../src/cli/usageFailure.js"

const usage = { commandLine: "eng5 run hello", flags: ["--count", "--json", "--help"] }

describe("usage failures of flag values", () => {
  it("a value a plugin's own oclif flag refused is a usage error naming the flag (oclif marks it with exit 2)", () => {
    const refused = Object.assign(new Error("Parsing --count \n\tExpected an integer but received: many\nSee more help with --help"), { oclif: { exit: 2 } })
    expect(usageFailureOf(refused, usage)).toEqual({
      tag: "InvalidFlag",
      message: "--count: Expected an integer but received: many.",
      fix: "Run `eng5 run hello --help` for its flags.",
      exitCode: 2
    })
  })

  it("an error without oclif's mark stays what it is (not a usage error)", () => {
    expect(usageFailureOf(new Error("Parsing --count \n\tboom"), usage)).toBeUndefined()
  })
})
