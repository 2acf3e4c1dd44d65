import { Effect, Layer } from "effect"
import { Progress } from "../../src/services/Progress.js"

/** A Progress that remembers every step title and note, for tests that check what the operator sees. */
export const recordingProgress = () => {
  const steps: string[] = []
  const notes: string[] = []
  const layer = Layer.succeed(Progress, {
    step: (title, effect) => Effect.andThen(Effect.sync(() => void steps.push(title)), effect),
    note: (text) => Effect.sync(() => void notes.push(text))
  })
  return { steps, notes, layer }
}
