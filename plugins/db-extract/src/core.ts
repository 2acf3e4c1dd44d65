/**
 * Everything this plugin takes from eng5's core, in one place. It imports the core by relative
 * path until the public SDK (`eng5/sdk`) exists; then only this file changes.
 */
export { CjBatchNotFound, CjDatabaseQueryFailed, CjDatabaseUnreachable, ExitCode, InvalidFlag } from "../../../src/errors.js"
export { makeRedactor } from "../../../src/domain/redact.js"
export { writeFileAtomic, writeJsonAtomic } from "../../../src/runFolder/atomicWrite.js"
export {
  type CjBatchExtract,
  type CjBatchStateRow,
  type CjBatchUploadRow,
  type CjComparisonPairRow,
  type CjGradeProjectionRow,
  type CjProcessedEssayRow,
  Extractor,
  type ExtractorError,
  type ExtractorService
} from "../../../src/services/Extractor.js"
