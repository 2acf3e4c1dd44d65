/** Everything this plugin takes from eng5's core, in one place: the public SDK. */
export { CjBatchNotFound, CjDatabaseQueryFailed, CjDatabaseUnreachable, ExitCode, InvalidFlag } from "eng5/sdk"
export { makeRedactor } from "eng5/sdk"
export { writeFileAtomic, writeJsonAtomic } from "eng5/sdk"
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
} from "eng5/sdk"
