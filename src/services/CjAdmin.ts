import { Context, type Effect } from "effect"
import type { PreflightFailed, ServiceFailure } from "../errors.js"

/** What CJ's assessment instructions say about an assignment (contracts §3.2). */
export interface AssignmentContext {
  readonly assignmentId: string
  readonly gradeScale: string
  readonly contextOrigin: string
  readonly studentPromptStorageId: string | null
  readonly instructionsText: string
}

export interface AnchorSummaryItem {
  readonly id: number
  readonly anchorLabel: string
  readonly grade: string
  readonly gradeScale: string
  readonly textStorageId: string
}

export interface AnchorSummary {
  readonly assignmentId: string
  readonly gradeScale: string
  /** Anchors in the assignment's own grade scale. */
  readonly anchorCount: number
  readonly anchorCountTotal: number
  readonly anchorCountByScale: Readonly<Record<string, number>>
  readonly anchors: ReadonlyArray<AnchorSummaryItem>
}

export interface AnchorRegistration {
  readonly assignmentId: string
  readonly grade: string
  readonly anchorLabel: string
  readonly essayText: string
}

export interface AnchorRegistrationResult {
  readonly anchorId: number
  readonly storageId: string
  readonly gradeScale: string
  readonly status: string
}

export type CjAdminError = PreflightFailed | ServiceFailure

/** The CJ Assessment Service's admin and anchor API. */
export class CjAdmin extends Context.Service<
  CjAdmin,
  {
    readonly getAssignment: (assignmentId: string) => Effect.Effect<AssignmentContext, CjAdminError>
    readonly getAnchorSummary: (assignmentId: string) => Effect.Effect<AnchorSummary, CjAdminError>
    readonly registerAnchor: (registration: AnchorRegistration) => Effect.Effect<AnchorRegistrationResult, CjAdminError>
  }
>()("eng5/services/CjAdmin") {}
