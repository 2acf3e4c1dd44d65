import { Effect, Exit, Layer } from "effect"
import { DefaultRenderer, Listr, ListrLogger, ProcessOutput } from "listr2"
import { Progress } from "../services/Progress.js"

export type RendererChoice = "animated" | "plain" | "silent"

/** What eng5 knows of the terminal its progress goes to (stderr). */
export interface ProgressTerminal {
  readonly isTTY: boolean
  /** The width the terminal reports; 0 when it reports none. */
  readonly columns: number | undefined
  /** $TERM. */
  readonly term: string | undefined
}

export const stderrTerminal = (): ProgressTerminal => ({ isTTY: process.stderr.isTTY === true, columns: process.stderr.columns, term: process.env["TERM"] })

/**
 * Whether progress may redraw itself: a terminal that can move the cursor (not TERM=dumb, which
 * also turns colour off) and reports a width (at 0 columns a redrawn line breaks after every character).
 */
export const canAnimate = (terminal: ProgressTerminal): boolean => terminal.isTTY && terminal.term !== "dumb" && terminal.columns !== 0

/** Animated on a terminal that can redraw, plain lines otherwise, nothing with --json. */
export const chooseRenderer = (json: boolean, terminal: ProgressTerminal): RendererChoice =>
  json ? "silent" : canAnimate(terminal) ? "animated" : "plain"

/**
 * listr2 picks its renderer and its colours by asking whether stdout is a terminal, but progress
 * goes to stderr: this renderer is allowed whatever stdout is, since `chooseRenderer` already asked stderr.
 */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true
}

/**
 * listr2 colours through `util.styleText`, which colours when stdout is a terminal. Unless the
 * user chose (NO_COLOR, FORCE_COLOR), colour follows stderr, where the progress is written.
 */
const colourFollowsStderr = (env: NodeJS.ProcessEnv, stderrIsTty: boolean): void => {
  if (env["NO_COLOR"] !== undefined || env["FORCE_COLOR"] !== undefined) return
  if (stderrIsTty) env["FORCE_COLOR"] = "1"
  else env["NO_COLOR"] = "1"
}

interface OutputTarget {
  output: string
}

/** listr2 on stderr: each program step becomes a task that lives as long as its effect. */
export const progressListr = (choice: RendererChoice) => {
  if (choice === "silent") return Progress.silent
  colourFollowsStderr(process.env, choice === "animated")
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) })
  let current: OutputTarget | undefined
  return Layer.succeed(Progress, {
    step: <A, E, R>(title: string, effect: Effect.Effect<A, E, R>) =>
      Effect.gen(function* () {
        const settled = Promise.withResolvers<void>()
        const list = new Listr([{ title, task: (_ctx, task) => ((current = task), settled.promise) }], {
          renderer: choice === "animated" ? StderrRenderer : "simple",
          fallbackRenderer: "simple",
          fallbackRendererCondition: choice === "plain",
          registerSignalListeners: false,
          exitOnError: true,
          // The failed step keeps its title (marked ✖); listr2 would show the error text in its place.
          rendererOptions: { logger, showErrorMessage: false },
          fallbackRendererOptions: { logger }
        })
        const rendered = list.run().catch(() => undefined)
        const exit = yield* Effect.exit(effect)
        current = undefined
        if (Exit.isSuccess(exit)) settled.resolve()
        else settled.reject(new Error(Exit.hasInterrupts(exit) ? "interrupted" : "the error is below"))
        yield* Effect.promise(() => rendered)
        return yield* exit
      }),
    note: (text: string) =>
      Effect.sync(() => {
        if (current === undefined) process.stderr.write(`  ${text}\n`)
        else current.output = text
      })
  })
}
