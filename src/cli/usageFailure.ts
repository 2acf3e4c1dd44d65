import { Errors } from "@oclif/core"
import { ExitCode } from "../errors.js"
import type { FailureReport } from "./renderFailure.js"
import { FlagValueRejected } from "./flagValues.js"
import { closest } from "./suggest.js"

export interface CommandUsage {
  /** As typed: `eng5 run execute`. */
  readonly commandLine: string
  /** Every flag the command accepts, with dashes: `--assets`, `-h`. */
  readonly flags: ReadonlyArray<string>
}

// oclif colours parts of its messages and appends its own pointer to --help.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g")
const clean = (message: string): string =>
  message.replace(ANSI, "").replace(/\n?See more help with --help\s*$/, "").replace(/^The following errors? occurred:\s*/, "").replace(/Missing required flag (\w[\w-]*)/g, "Missing required flag --$1").replace(/\s*\n\s*/g, " ").trim()

const FLAG_PARSE = /^Parsing (--[\w-]+) \n\t/

/**
 * A value a flag's own parser refused (oclif's `Flags.integer`, a plugin's flag): oclif prefixes
 * the message with `Parsing --flag` and marks it with the `failedFlagParsing` exit code from
 * package.json. oclif's own parsers throw a CLIError, whose exit is 2 already, so the message's
 * shape is what tells it apart from other errors.
 */
const failedFlagParse = (error: unknown): string | undefined => {
  if (!(error instanceof Error) || !FLAG_PARSE.test(error.message)) return undefined
  const exit: unknown = Reflect.get(Reflect.get(error, "oclif") ?? {}, "exit")
  if (exit !== ExitCode.Usage) return undefined
  return `${clean(error.message.replace(FLAG_PARSE, "$1: "))}.`.replace(/\.\.$/, ".")
}

const helpLine = (usage: CommandUsage): string => `Run \`${usage.commandLine} --help\` for its flags.`

const nonexistentFlags = (error: Errors.CLIError): ReadonlyArray<string> | undefined => {
  const flags: unknown = Reflect.get(error, "flags")
  return Array.isArray(flags) ? flags.map(String) : undefined
}

/**
 * oclif's parse errors (unknown flag, missing or invalid value, unexpected argument) as a short
 * usage failure: what is wrong, the flag that was probably meant, where the help is. Exit 2.
 */
export const usageFailureOf = (error: unknown, usage: CommandUsage): FailureReport | undefined => {
  if (error instanceof FlagValueRejected) return { tag: "InvalidFlag", message: error.problem, fix: `${error.fix} ${helpLine(usage)}`, exitCode: ExitCode.Usage }
  const flagParse = failedFlagParse(error)
  if (flagParse !== undefined) return { tag: "InvalidFlag", message: flagParse, fix: helpLine(usage), exitCode: ExitCode.Usage }
  if (!(error instanceof Errors.CLIError) || !("parse" in error)) return undefined
  const unknown = nonexistentFlags(error)
  if (unknown !== undefined && unknown.length > 0) {
    const suggestions = unknown.flatMap((flag) => {
      const meant = closest(flag.split("=")[0] ?? flag, usage.flags)
      return meant === undefined ? [] : [meant]
    })
    return {
      tag: "UnknownFlag",
      message: `${usage.commandLine} has no flag ${unknown.join(", ")}.`,
      fix: `${suggestions.length === 0 ? "" : `Did you mean ${suggestions.join(", ")}? `}${helpLine(usage)}`,
      exitCode: ExitCode.Usage
    }
  }
  return { tag: "UsageError", message: `${clean(error.message)}.`.replace(/\.\.$/, "."), fix: helpLine(usage), exitCode: ExitCode.Usage }
}
