import { Data } from "effect"

/** Exit codes of the eng5 process (see README "Exit codes"). */
export const ExitCode = {
  Success: 0,
  RuntimeFailure: 1,
  Usage: 2,
  PostRunFailed: 3,
  TimedOutPartial: 4,
  Interrupted: 130
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * Every expected failure carries what happened (`message`), what to do next
 * (`fix`) and the process exit code. Commands never derive exit codes from text.
 */
export interface Eng5Failure {
  readonly _tag: string
  readonly message: string
  readonly fix: string
  readonly exitCode: ExitCode
}

export const isEng5Failure = (value: unknown): value is Eng5Failure =>
  typeof value === "object" &&
  value !== null &&
  "_tag" in value &&
  "exitCode" in value &&
  "fix" in value &&
  "message" in value

/** A flag value that cannot work. Nothing was published. */
export class InvalidFlag extends Data.TaggedError("InvalidFlag")<{
  readonly flag: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** One or more input files or directories cannot be used. Nothing was published. */
export class InvalidAssets extends Data.TaggedError("InvalidAssets")<{
  readonly message: string
  readonly fix: string
  readonly problems: ReadonlyArray<{ readonly path: string; readonly problem: string }>
}> {
  readonly exitCode = ExitCode.Usage
}

/** The run folder cannot be created or written. Nothing was published. */
export class OutputNotWritable extends Data.TaggedError("OutputNotWritable")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** A check against CJ (assignment, grade scale, anchors) failed before anything was published. */
export class PreflightFailed extends Data.TaggedError("PreflightFailed")<{
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** A service could not be reached or answered unexpectedly. */
export class ServiceFailure extends Data.TaggedError("ServiceFailure")<{
  readonly service: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** A built request or artefact failed its own schema: a bug in eng5, reported clearly. */
export class SchemaViolation extends Data.TaggedError("SchemaViolation")<{
  readonly what: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** No admin token can be used: none is set and a dev token cannot be minted here. Nothing was published. */
export class AuthUnavailable extends Data.TaggedError("AuthUnavailable")<{
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** CJ answered 401/403: it does not accept eng5's admin token. Nothing was published. */
export class AuthRejected extends Data.TaggedError("AuthRejected")<{
  readonly status: number
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** CJ has no assessment instructions (or anchor summary) for the assignment id. Nothing was published. */
export class AssignmentNotFound extends Data.TaggedError("AssignmentNotFound")<{
  readonly assignmentId: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/**
 * CJ answered with its catch-all 500 body (contracts §3.4), which production CJ also uses for
 * a rejected token, an unknown assignment and disabled admin endpoints. Nothing was published.
 */
export class CjCatchAllError extends Data.TaggedError("CjCatchAllError")<{
  readonly body: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** A service could not be connected to, or did not answer in time, after every retry. */
export class ServiceUnreachable extends Data.TaggedError("ServiceUnreachable")<{
  readonly service: string
  readonly url: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/**
 * The Content Service refused an essay's text as too large (HTTP 413). Nothing was published;
 * essays uploaded before it stay in the upload cache.
 */
export class ContentTooLarge extends Data.TaggedError("ContentTooLarge")<{
  /** The essay's file, once the upload step knows it. */
  readonly essay: string | null
  /** UTF-8 bytes of the refused body. */
  readonly bytes: number
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** Another eng5 process held the upload cache lock for too long. */
export class UploadCacheBusy extends Data.TaggedError("UploadCacheBusy")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** Some anchors were not registered with CJ; the others were (registration is an upsert). */
export class AnchorRegistrationIncomplete extends Data.TaggedError("AnchorRegistrationIncomplete")<{
  readonly failed: number
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** `eng5 doctor` found at least one failing check. */
export class DoctorFoundProblems extends Data.TaggedError("DoctorFoundProblems")<{
  readonly failed: number
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** The Kafka broker could not be used before anything was published. */
export class KafkaUnavailable extends Data.TaggedError("KafkaUnavailable")<{
  readonly bootstrap: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** Kafka failed after the request may have been published (publish or follow). */
export class KafkaFailure extends Data.TaggedError("KafkaFailure")<{
  readonly bootstrap: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/**
 * The run folder stopped taking writes after the request was published (a full disk, a folder
 * removed or made read-only). Unlike OutputNotWritable this is not a usage failure: the batch
 * runs on in CJ, its results wait on Kafka, and `eng5 run attach` collects them once the folder
 * can be written again. Running execute again would publish, and pay for, a second batch.
 */
export class RunFolderWriteFailed extends Data.TaggedError("RunFolderWriteFailed")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** Ctrl-C while following a batch: what was received is saved and the batch can be re-attached. */
export class RunInterrupted extends Data.TaggedError("RunInterrupted")<{
  readonly runFolder: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Interrupted
}

/** `eng5 run attach` was pointed at something that is not a run folder eng5 can continue. */
export class RunFolderUnusable extends Data.TaggedError("RunFolderUnusable")<{
  readonly path: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** Another eng5 process (`pid`) owns the run folder: one process at a time follows or writes a run. */
export class RunFolderBusy extends Data.TaggedError("RunFolderBusy")<{
  readonly path: string
  readonly pid: number
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** `eng5 run attach` on a run that has already ended (completed or failed): nothing was changed. */
export class RunAlreadyFinished extends Data.TaggedError("RunAlreadyFinished")<{
  readonly path: string
  readonly outcome: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** A post-run hook (a plugin's step after the batch) failed; the batch itself completed. */
export class PostRunHookFailed extends Data.TaggedError("PostRunHookFailed")<{
  readonly hook: string
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.PostRunFailed
}

/** A report's charts could not be drawn from a valid artefact: a bug in eng5, never the disk; the run's data is intact. */
export class ReportRenderFailed extends Data.TaggedError("ReportRenderFailed")<{
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}

/** The batch's estimated price may exceed --max-cost-usd (or has no price). Nothing was uploaded or published. */
export class CostLimitExceeded extends Data.TaggedError("CostLimitExceeded")<{
  readonly limitUsd: number
  /** The upper end of the estimate; null when the model has no prices. */
  readonly estimatedHighUsd: number | null
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** An experiment file cannot run: every problem found, at once. Nothing was run. */
export class InvalidExperiment extends Data.TaggedError("InvalidExperiment")<{
  readonly file: string
  readonly problems: ReadonlyArray<{ readonly where: string; readonly problem: string; readonly fix: string }>
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.Usage
}

/** An experiment ended with cells that did not complete every batch; the others' results are kept. */
export class ExperimentIncomplete extends Data.TaggedError("ExperimentIncomplete")<{
  readonly message: string
  readonly fix: string
}> {
  readonly exitCode = ExitCode.RuntimeFailure
}
