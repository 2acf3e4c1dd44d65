import { Effect, Exit, Layer } from "effect"
import { Listr, ListrLogger, ProcessOutput } from "listr2"
import { Progress } from "../services/Progress.js"

export type RendererChoice = "animated" | "plain" | "silent"

/** Animated on a terminal, plain lines otherwise, nothing with --json. */
export const chooseRenderer = (json: boolean, stderrIsTty: boolean): RendererChoice =>
  json ? "silent" : stderrIsTty ? "animated" : "plain"

interface OutputTarget {
  output: string
}

/** listr2 on stderr: each program step becomes a task that lives as long as its effect. */
export const progressListr = (choice: RendererChoice) => {
  if (choice === "silent") return Progress.silent
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) })
  let current: OutputTarget | undefined
  return Layer.succeed(Progress, {
    step: <A, E, R>(title: string, effect: Effect.Effect<A, E, R>) =>
      Effect.gen(function* () {
        const settled = Promise.withResolvers<void>()
        const list = new Listr([{ title, task: (_ctx, task) => ((current = task), settled.promise) }], {
          renderer: choice === "animated" ? "default" : "simple",
          fallbackRenderer: "simple",
          fallbackRendererCondition: choice === "plain",
          registerSignalListeners: false,
          exitOnError: true,
          rendererOptions: { logger },
          fallbackRendererOptions: { logger }
        })
        const rendered = list.run().catch(() => undefined)
        const exit = yield* Effect.exit(effect)
        current = undefined
        if (Exit.isSuccess(exit)) settled.resolve()
        else settled.reject(new Error(Exit.hasInterrupts(exit) ? "interrupted" : "see below"))
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
