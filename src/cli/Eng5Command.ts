import { Command, Errors, Flags } from "@oclif/core"
import { Cause, Effect, Exit, Layer } from "effect"
import { makeRedactor, secretsFromEnv } from "../domain/redact.js"
import { ExitCode, isEng5Failure } from "../errors.js"
import { chooseRenderer, progressListr, stderrTerminal } from "../layers/ProgressListr.js"
import { runLogFile } from "../layers/RunLogFile.js"
import { describeExit, internalFailure, summariseFailure } from "../programs/outcome.js"
import type { BaseServices } from "../programs/experimentSpec.js"
import type { RunReport } from "../programs/runReport.js"
import { RunStopped } from "../programs/runStopped.js"
import { loadDotEnv } from "./dotenv.js"
import { type FailureReport, failureJson, formatFailure } from "./renderFailure.js"
import { type CommandUsage, usageFailureOf } from "./usageFailure.js"

/** Services every command gets from the base: progress on stderr and the run log. */
export type { BaseServices }

/** How runProgram hands a failed program's report to `catch`, where every failure is reported. */
class ProgramFailed extends Error {
  constructor(
    readonly failure: FailureReport,
    /** The program's own failure, when it failed with one (not a defect or an interruption). */
    readonly error: unknown
  ) {
    super(failure.message)
  }
}

/**
 * The Effect bridge: a command parses flags, builds a layer and hands one program to
 * `runProgram`, which renders progress, turns Ctrl-C into fiber interruption and returns the
 * result (printed as JSON with --json). Every failure, a program's, a flag parse error or a
 * report that records one (`conclude`), leaves through `settle`: the one place that prints it
 * and sets the exit code.
 */
export abstract class Eng5Command extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    verbose: Flags.boolean({ description: "Print debug detail on stderr (the run log always has it).", default: false })
  }

  protected override async init(): Promise<void> {
    loadDotEnv(process.cwd(), process.env)
    await super.init()
  }

  /** The base layer: listr2 progress chosen for this terminal and JSON logs with secrets masked. */
  protected baseLayer(verbose: boolean): Layer.Layer<BaseServices> {
    return Layer.mergeAll(
      progressListr(chooseRenderer(this.jsonEnabled(), stderrTerminal())),
      runLogFile({ verbose, secrets: secretsFromEnv(process.env) })
    )
  }

  protected override async catch(error: Error): Promise<void> {
    if (error instanceof Errors.ExitError) {
      process.exitCode = error.oclif.exit ?? ExitCode.RuntimeFailure
      return
    }
    // A flag error is reported here; oclif would add a warning that the command never parsed its flags.
    this.parsed = true
    this.settle(this.failureOf(error), true)
  }

  /**
   * For a report that records its own failure (`error`, null when all went well): the report
   * is printed (a table, or the whole object with --json), then the failure, and the process
   * exits with its code.
   */
  protected conclude<R extends { readonly error: FailureReport | null }>(report: R, render: (report: R) => string): R {
    if (!this.jsonEnabled()) this.log(render(report))
    this.settle(report.error, false)
    return report
  }

  protected async runProgram<A, E, R, LE = E>(program: Effect.Effect<A, E, R>, layer: Layer.Layer<R, LE>): Promise<A> {
    const fiber = Effect.runFork(Effect.scoped(program.pipe(Effect.provide(layer))))
    let interrupts = 0
    const onSigint = () => {
      interrupts += 1
      if (interrupts > 1) process.exit(ExitCode.Interrupted)
      process.stderr.write("\nInterrupting: saving what this run has so far (Ctrl-C again to abandon)…\n")
      fiber.interruptUnsafe()
    }
    process.on("SIGINT", onSigint)
    const exit = await new Promise<Exit.Exit<A, E | LE>>((resolve) => fiber.addObserver(resolve))
    process.off("SIGINT", onSigint)
    if (Exit.isSuccess(exit)) return exit.value
    const failed = Cause.findErrorOption(exit.cause)
    throw new ProgramFailed(describeExit(exit, "the run folder's logs/eng5.jsonl") ?? internalFailure("the program ended without a result", undefined), failed._tag === "Some" ? failed.value : undefined)
  }

  /**
   * `runProgram` for a program that ends in a run report: a run whose following stopped early
   * (Ctrl-C, Kafka, the run folder) still gives its whole report, whose `error` says why.
   */
  protected async runToReport<E, R, LE = E>(program: Effect.Effect<RunReport, E, R>, layer: Layer.Layer<R, LE>): Promise<RunReport> {
    try {
      return await this.runProgram(program, layer)
    } catch (error) {
      if (error instanceof ProgramFailed && error.error instanceof RunStopped) return error.error.report
      throw error
    }
  }

  private failureOf(error: unknown): FailureReport {
    if (error instanceof ProgramFailed) return error.failure
    if (isEng5Failure(error)) return summariseFailure(error)
    return usageFailureOf(error, this.usage()) ?? internalFailure(error, undefined)
  }

  private usage(): CommandUsage {
    const flags = { ...this.ctor.baseFlags, ...this.ctor.flags }
    const names = Object.entries(flags).flatMap(([name, flag]) => [
      `--${name}`,
      ...(flag.char === undefined ? [] : [`-${flag.char}`]),
      ...(flag.type === "boolean" && flag.allowNo === true ? [`--no-${name}`] : [])
    ])
    return { commandLine: `${this.config.bin} ${this.id?.replaceAll(":", " ") ?? ""}`.trim(), flags: [...names, "--json", "--help"] }
  }

  /** The one place an eng5 command's exit code is set: 0, or the failure's code once it is printed. */
  private settle(failure: FailureReport | null, printJson: boolean): void {
    if (failure !== null) {
      const redact = makeRedactor(secretsFromEnv(process.env))
      if (!this.jsonEnabled()) process.stderr.write(`${redact(formatFailure(failure))}\n`)
      else if (printJson) process.stdout.write(`${redact(JSON.stringify({ error: failureJson(failure) }))}\n`)
    }
    process.exitCode = failure?.exitCode ?? ExitCode.Success
  }
}
