/**
 * eng5's public API for plugins: `import { … } from "eng5/sdk"`. A plugin lists `eng5` and
 * `effect` as peerDependencies, so it shares the host's copies (one Effect runtime, one set of
 * service tags). Anything not exported here is internal and may change. See docs/plugins.md.
 */

// oclif, as the host uses it, so a mode needs no oclif dependency of its own.
export { Args, Flags } from "@oclif/core"

// Commands: the Effect bridge, the mode base command and the flags it shares.
export { type BaseServices, Eng5Command } from "../cli/Eng5Command.js"
export { type ModeFlags, ModeCommand, type ModeProgram, type ModeServices, type ModeSetupOptions, modeFlags } from "../cli/ModeCommand.js"
export { runFlags, toRunOptions } from "../cli/runFlags.js"
export { followFlags, followSettings, kafkaFlags } from "../cli/followFlags.js"
export { sandboxFlags } from "../cli/sandboxFlags.js"
export { DB_EXTRACT_HOOK, type PostRunFlagValues, postRunFlags, requestedHooks } from "../cli/postRunFlags.js"
export { renderRunReport } from "../cli/renderRunReport.js"
export { table } from "../cli/table.js"

// Hooks: the oclif event plugins answer, and what a post-run hook is.
export {
  type DiscoveredHooks,
  discoverPostRunHooks,
  type Eng5Hook,
  type Eng5Hooks,
  POST_RUN_HOOKS_EVENT,
  type PostRunHooksEventOptions,
  postRunHooksFor,
  selectPostRunHooks
} from "../cli/postRunHooks.js"
export {
  DEFAULT_POST_RUN_TIMEOUT_MS,
  type HookFlags,
  type PostRunContext,
  type PostRunHook,
  type PostRunHookError,
  PostRunHooks,
  type PostRunHooksOptions,
  type PostRunHooksService
} from "../services/PostRunHooks.js"
export { anyHookFailed, type HookRecord, type HookStatus, HOOKS_RUN_ON, runPostRunHooks } from "../programs/postRun.js"

// Services (tags and interfaces); their layers are chosen by the host.
export * from "../services/CjAdmin.js"
export * from "../services/ContentStore.js"
export * from "../services/KafkaBus.js"
export * from "../services/Progress.js"
export * from "../services/RunLog.js"

// Errors and exit codes.
export * from "../errors.js"

// The building blocks of a run mode: prepare (flags, CJ preflight, inventory), upload, compose, execute, attach.
export { type PreparedRun, prepareRun } from "../programs/prepareRun.js"
export { resolveRunSettings, type RunOptions, type RunSettings } from "../programs/runSettings.js"
export { collectInventory, type InventoryOptions } from "../inventory/collectInventory.js"
export { type EssayToUpload, type UploadOptions, type UploadSummary, uploadEssays } from "../upload/uploadEssays.js"
export { composeForRun } from "../programs/composeForRun.js"
export { type ExecuteOptions, executePrepared, executeProgram } from "../programs/execute.js"
export { type AttachOptions, attachProgram } from "../programs/attach.js"
export { FOLLOW_DEFAULTS, type FollowSettings } from "../programs/collect.js"
export type { RunReport } from "../programs/runReport.js"
export { liveRunStack, sandboxRunStack } from "../cli/runStack.js"

// Schemas and pure helpers.
export * from "../domain/artefact.js"
export { RequestEnvelope, type EssayRef, LlmConfigOverrides, CjAssessmentRequest } from "../domain/requestEnvelope.js"
export type { BuildInfo } from "../domain/buildArtefact.js"
export {
  type BatchEssayRef,
  CJ_ALPHA,
  CJ_SE_CAP,
  type CjEssayScore,
  type CjScoring,
  gradeAgreement,
  type GradeProjection as ProjectedGrade,
  type KendallTauB,
  kendallTauB,
  type Outcome,
  projectGrades,
  quadraticWeightedKappa,
  scaleSeparation,
  scoreLikeCj,
  type Separation,
  spearmanRho,
  type SplitHalf,
  splitHalfReliability
} from "../statistics/index.js"
export * from "../statistics/anchorAlignment.js"
export { type AnchorSource, type ArtefactAlignment, alignmentOfArtefact } from "../domain/artefactAlignment.js"
export { DEFAULT_GRADE_SCALE, findGradeScale, GRADE_SCALES, type GradeScale, gradeRank, isGradeInScale } from "../domain/gradeScales.js"
export type { AnchorEssay, Capacity, Inventory, StudentEssay } from "../domain/inventory.js"
export { essayIdFromStem, fileStem, MAX_ESSAY_ID_LENGTH } from "../domain/ids.js"
export { makeRedactor, secretsFromEnv } from "../domain/redact.js"
export { TOPICS } from "../domain/platform.js"

// Run folders.
export { writeFileAtomic, writeJsonAtomic } from "../runFolder/atomicWrite.js"
export { checkWritableDir, createRunFolder, RUN_FILES, runFolderPath } from "../runFolder/runFolder.js"
export { locateRunFolder, readRunState, RunState } from "../runFolder/runState.js"
