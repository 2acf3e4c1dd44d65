import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Data, Effect } from "effect"
import { type BuildInfo, type ExecuteOptions, executePrepared, ExitCode, type PostRunContext, type PostRunHook, prepareRun, Progress } from "eng5/sdk"

export const HELLO_MODE = "hello"

/**
 * The mode: execute's pipeline reused block by block (preflights and inventory, then upload,
 * compose, publish, follow, hooks) with a note of its own and its name on the run.
 */
export const helloProgram = (options: ExecuteOptions, build: BuildInfo, greeting: string) =>
  Effect.gen(function* () {
    const prepared = yield* prepareRun(options.run, "execute")
    yield* (yield* Progress).note(`${greeting}: ${prepared.inventory.students.length} essays for CJ`)
    return yield* executePrepared(prepared, options, build, HELLO_MODE)
  })

class HelloFailed extends Data.TaggedError("HelloFailed")<{ readonly message: string; readonly fix: string }> {
  readonly exitCode = ExitCode.PostRunFailed
}

/** HELLO_HOOK=fail, throw or hang makes the hook misbehave, to show that eng5 contains it. */
const misbehaviour = (context: PostRunContext) => {
  switch (context.env["HELLO_HOOK"]) {
    case "fail":
      return Effect.fail(new HelloFailed({ message: "hello hook failed on purpose", fix: "unset HELLO_HOOK" }))
    case "throw":
      return Effect.sync(() => {
        throw new Error("hello hook crashed on purpose")
      })
    case "hang":
      return Effect.never
    default:
      return Effect.void
  }
}

/** The hook: writes hello.txt into the run folder once CJ has completed the batch. */
export const helloHook: PostRunHook = {
  name: "hello",
  description: "write hello.txt into the run folder",
  run: (context) =>
    Effect.gen(function* () {
      yield* misbehaviour(context)
      const path = join(context.runFolder, "hello.txt")
      const greeting = typeof context.flags["greeting"] === "string" ? context.flags["greeting"] : "hello"
      yield* Effect.promise(() => writeFile(path, `${greeting} from batch ${context.batchUuid} (${context.outcome})\n`))
      return { path }
    })
}
