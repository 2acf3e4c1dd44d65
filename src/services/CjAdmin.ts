import { Context, type Effect } from "effect"
import type {
  AssignmentNotFound,
  AuthRejected,
  AuthUnavailable,
  CjCatchAllError,
  InvalidFlag,
  PreflightFailed,
  ServiceFailure,
  ServiceUnreachable
} from "../errors.js"

/** What CJ's assessment instructions say about an assignment (contracts §3.2). */
export interface AssignmentContext {
  readonly assignmentId: string
  readonly gradeScale: string
  readonly contextOrigin: string
  readonly studentPromptStorageId: string | null
  readonly instructionsText: string
  /** When CJ created the instructions (CJ may send ISO 8601 or RFC 822; absent if unparseable). */
  readonly createdAt?: Date
}

export interface AnchorSummaryItem {
  readonly id: number
  readonly anchorLabel: string
  readonly grade: string
  readonly gradeScale: string
  readonly textStorageId: string
  readonly createdAt?: Date
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

/** One entry of CJ's instruction list: an assignment's or a course's instructions. */
export interface InstructionsListItem {
  readonly assignmentId: string | null
  readonly courseId: string | null
  readonly gradeScale: string
  readonly contextOrigin: string
  readonly studentPrompt: boolean
  readonly createdAt?: Date
}

export interface InstructionsPage {
  readonly items: ReadonlyArray<InstructionsListItem>
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

/**
 * How a CJ call can fail: no URL (InvalidFlag) or token (AuthUnavailable) on eng5's side;
 * CJ rejecting the token, not knowing the assignment or answering with its catch-all 500;
 * CJ unreachable; anything else unexpected (ServiceFailure).
 */
export type CjAdminError =
  | PreflightFailed
  | ServiceFailure
  | ServiceUnreachable
  | AuthUnavailable
  | AuthRejected
  | AssignmentNotFound
  | CjCatchAllError
  | InvalidFlag

/** The CJ Assessment Service's admin and anchor API. */
export class CjAdmin extends Context.Service<
  CjAdmin,
  {
    readonly getAssignment: (assignmentId: string) => Effect.Effect<AssignmentContext, CjAdminError>
    readonly getAnchorSummary: (assignmentId: string) => Effect.Effect<AnchorSummary, CjAdminError>
    readonly registerAnchor: (registration: AnchorRegistration) => Effect.Effect<AnchorRegistrationResult, CjAdminError>
    /** One page of CJ's instructions, newest first; also the cheapest authenticated call. */
    readonly listInstructions: (page: { readonly page: number; readonly pageSize: number }) => Effect.Effect<InstructionsPage, CjAdminError>
  }
>()("eng5/services/CjAdmin") {}
