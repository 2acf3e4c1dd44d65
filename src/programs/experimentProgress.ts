import { Effect, Layer } from "effect"
import { Progress } from "../services/Progress.js"

/** `board`: every batch on its own line, redrawn (a terminal); `lines`: a line per change (a log). */
export type BoardStyle = "board" | "lines"

interface Row {
  readonly label: string
  status: string
  step: string
  note: string
}

interface Board {
  /** The progress of one batch: its steps and notes land on its own row. */
  readonly progressFor: (key: string) => Layer.Layer<Progress>
  /** A batch's state: waiting, running, completed, failed… */
  readonly status: (key: string, status: string) => Effect.Effect<void>
}

/**
 * One progress view for every batch of an experiment, under the experiment's own step: each
 * batch's program reports through its own `Progress`, which writes to its row here.
 */
export const makeBoard = (rows: ReadonlyArray<{ readonly key: string; readonly label: string; readonly status: string }>, style: BoardStyle) =>
  Effect.gen(function* () {
    const parent = yield* Progress
    const state = new Map<string, Row>(rows.map((row) => [row.key, { label: row.label, status: row.status, step: "", note: "" }]))
    const width = Math.max(0, ...rows.map((row) => row.label.length))
    const line = (row: Row) => `${row.label.padEnd(width)}  ${[row.status, row.step, row.note].filter((part) => part !== "").join(" · ")}`
    const show = (row: Row, change: string) => (style === "board" ? parent.note([...state.values()].map(line).join("\n")) : parent.note(`${row.label}: ${change}`))
    const change = (key: string, update: (row: Row) => string) =>
      Effect.suspend(() => {
        const row = state.get(key)
        return row === undefined ? Effect.void : show(row, update(row))
      })
    const board: Board = {
      progressFor: (key) =>
        Layer.succeed(
          Progress,
          Progress.of({
            step: (title, effect) =>
              change(key, (row) => {
                row.step = title
                row.note = ""
                return title
              }).pipe(Effect.andThen(effect)),
            note: (text) =>
              change(key, (row) => {
                row.note = text
                return text
              })
          })
        ),
      status: (key, status) =>
        change(key, (row) => {
          row.status = status
          row.step = ""
          row.note = ""
          return status
        })
    }
    yield* parent.note([...state.values()].map(line).join("\n"))
    return board
  })
