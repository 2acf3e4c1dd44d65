import { resolve } from "node:path"
import { Effect } from "effect"
import type { BuildInfo } from "../domain/buildArtefact.js"
import type { CostEstimate } from "../domain/costEstimate.js"
import { type Capacity, countGrades } from "../domain/inventory.js"
import { estimateForRun } from "./costEstimate.js"
import { type ForecastReport, type ForecastRequest, runForecast } from "./forecastForRun.js"
import { prepareRun } from "./prepareRun.js"
import type { RunOptions } from "./runSettings.js"
import { stubArtefactFor } from "./stubArtefact.js"

export interface PlanReport {
  readonly mode: "plan"
  readonly batchUuid: string
  readonly batchLabel: string
  readonly assetsDir: string
  readonly instructions: { readonly path: string | null; readonly bytes: number } | null
  readonly gradeScale: string
  readonly assignment: { readonly assignmentId: string; readonly contextOrigin: string; readonly studentPrompt: boolean } | null
  readonly anchors: {
    readonly dir: string
    readonly count: number
    readonly bytes: number
    readonly grades: ReadonlyArray<{ readonly grade: string; readonly count: number }>
    readonly files: ReadonlyArray<{ readonly fileName: string; readonly anchorId: string; readonly grade: string; readonly bytes: number; readonly characters: number }>
  }
  readonly students: {
    readonly dir: string
    readonly count: number
    readonly bytes: number
    readonly files: ReadonlyArray<{ readonly fileName: string; readonly essayId: string; readonly bytes: number; readonly characters: number }>
  }
  readonly capacity: Capacity
  readonly maxComparisons: number | null
  readonly costEstimate: CostEstimate
  readonly llm: { readonly provider: string | null; readonly model: string | null; readonly systemPrompt: SystemPromptSource; readonly rubric: boolean }
  readonly warnings: ReadonlyArray<string>
  /** Only with --forecast. */
  readonly forecast?: ForecastReport
}

/** Which system prompt CJ judges with: its own default (no override sent), or a file's text (--system-prompt). */
export type SystemPromptSource = { readonly source: "cj-default" } | { readonly source: "file"; readonly path: string }

const sumBytes = (items: ReadonlyArray<{ readonly bytes: number }>) => items.reduce((total, item) => total + item.bytes, 0)

/** `eng5 run plan`: what a run would use, checked, with no side effects. */
export const planProgram = Effect.fnUntraced(function* (options: RunOptions, build: BuildInfo, forecastRequest?: ForecastRequest) {
  const prepared = yield* prepareRun(options, "plan")
  const forecast = forecastRequest === undefined ? undefined : yield* runForecast(prepared, forecastRequest)
  const { settings, inventory, preflight, capacity } = prepared
  yield* stubArtefactFor(prepared, "plan", build, new Date())
  const report: PlanReport = {
    mode: "plan",
    batchUuid: settings.batchUuid,
    batchLabel: settings.batchLabel,
    assetsDir: inventory.assetsDir,
    instructions: inventory.instructions === null ? null : { path: inventory.instructions.path, bytes: inventory.instructions.bytes },
    gradeScale: preflight.gradeScale.id,
    assignment:
      preflight.assignment === null
        ? null
        : {
            assignmentId: preflight.assignment.assignmentId,
            contextOrigin: preflight.assignment.contextOrigin,
            studentPrompt: preflight.assignment.studentPromptStorageId !== null
          },
    anchors: {
      dir: inventory.anchorDir,
      count: inventory.anchors.length,
      bytes: sumBytes(inventory.anchors),
      grades: countGrades(inventory.anchors, preflight.gradeScale),
      files: inventory.anchors.map((a) => ({ fileName: a.fileName, anchorId: a.anchorId, grade: a.grade, bytes: a.bytes, characters: a.text.length }))
    },
    students: {
      dir: inventory.studentDir,
      count: inventory.students.length,
      bytes: sumBytes(inventory.students),
      files: inventory.students.map((s) => ({ fileName: s.fileName, essayId: s.essayId, bytes: s.bytes, characters: s.text.length }))
    },
    capacity,
    maxComparisons: settings.maxComparisons ?? null,
    costEstimate: estimateForRun(prepared),
    llm: {
      provider: settings.llm.provider ?? null,
      model: settings.llm.model ?? null,
      systemPrompt: settings.systemPromptFile === undefined ? { source: "cj-default" } : { source: "file", path: resolve(settings.systemPromptFile) },
      rubric: settings.llm.rubric !== undefined
    },
    warnings: inventory.warnings,
    ...(forecast === undefined ? {} : { forecast })
  }
  return report
})
