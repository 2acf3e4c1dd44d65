import { Flags, Parser } from "@oclif/core"
import { describe, expect, it } from "vitest"
import { usageFailureOf } from "../../src/cli/usageFailure.js"

const usage = { commandLine: "eng5 run hello", flags: ["--count", "--json", "--help"] }

const rejectionOf = (argv: string[]): Promise<unknown> =>
  Parser.parse(argv, { flags: { count: Flags.integer() } }).then(
    () => expect.unreachable("oclif accepted the value"),
    (error: unknown) => error
  )

describe("usage failures of flag values", () => {
  it("a value oclif's own integer flag refused is a usage error naming the flag (a CLIError with exit 2)", async () => {
    expect(usageFailureOf(await rejectionOf(["--count", "many"]), usage)).toEqual({
      tag: "InvalidFlag",
      message: "--count: Expected an integer but received: many.",
      fix: "Run `eng5 run hello --help` for its flags.",
      exitCode: 2
    })
  })

  it("a value a plugin's own flag parser refused with a plain Error, marked by oclif with exit 2, names the flag", () => {
    const refused = Object.assign(new Error("Parsing --count \n\tExpected a colour but received: many\nSee more help with --help"), { oclif: { exit: 2 } })
    expect(usageFailureOf(refused, usage)).toMatchObject({ tag: "InvalidFlag", message: "--count: Expected a colour but received: many.", exitCode: 2 })
  })

  it("an error without oclif's mark stays what it is (not a usage error)", () => {
    expect(usageFailureOf(new Error("Parsing --count \n\tboom"), usage)).toBeUndefined()
  })
})
