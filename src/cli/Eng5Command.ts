import { Command, Errors, Flags, type Interfaces } from "@oclif/core"
import { Effect, Exit, Layer } from "effect"
import { makeRedactor, secretsFromEnv } from "../domain/redact.js"
import { ExitCode } from "../errors.js"
import { chooseRenderer, progressListr } from "../layers/ProgressListr.js"
import { runLogFile } from "../layers/RunLogFile.js"
import type { Progress } from "../services/Progress.js"
import type { RunLog } from "../services/RunLog.js"
import { loadDotEnv } from "./dotenv.js"
import { describeExit, formatFailure } from "./renderFailure.js"

/** Services every command gets from the base: progress on stderr and the run log. */
export type BaseServices = Progress | RunLog

/**
 * The Effect bridge: a command parses flags, builds a layer and hands one program to
 * `runProgram`, which renders progress, maps typed failures to exit codes, turns Ctrl-C
 * into fiber interruption and returns the result (printed as JSON with --json).
 */
export abstract class Eng5Command extends Command {
  static override enableJsonFlag = true

  static override baseFlags = {
    verbose: Flags.boolean({ description: "Print debug detail on stderr (the run log always has it).", default: false })
  }

  /** Set once runProgram has told the operator why the run failed. */
  private failureReported = false

  protected override async init(): Promise<void> {
    loadDotEnv(process.cwd(), process.env)
    await super.init()
  }

  /** The base layer: listr2 progress chosen for this terminal and JSON logs with secrets masked. */
  protected baseLayer(verbose: boolean): Layer.Layer<BaseServices> {
    return Layer.mergeAll(
      progressListr(chooseRenderer(this.jsonEnabled(), process.stderr.isTTY === true)),
      runLogFile({ verbose, secrets: secretsFromEnv(process.env) })
    )
  }

  /** A failure runProgram already reported leaves with its exit code and no second message. */
  protected override async catch(error: Interfaces.CommandError): Promise<void> {
    if (this.failureReported && error instanceof Errors.ExitError) {
      process.exitCode = error.oclif.exit ?? ExitCode.RuntimeFailure
      return
    }
    return super.catch(error)
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
    const failure = describeExit(exit, "the run folder's logs/eng5.jsonl")
    if (failure === undefined) return this.exit(ExitCode.RuntimeFailure)
    const redact = makeRedactor(secretsFromEnv(process.env))
    if (this.jsonEnabled()) {
      process.stdout.write(
        `${redact(JSON.stringify({ error: { tag: failure.tag, message: failure.message, fix: failure.fix, exitCode: failure.exitCode } }))}\n`
      )
    } else {
      process.stderr.write(`${redact(formatFailure(failure))}\n`)
    }
    this.failureReported = true
    return this.exit(failure.exitCode)
  }
}
