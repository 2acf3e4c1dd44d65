/**
 * Everything this plugin takes from eng5's core, in one place. It imports the core by relative
 * path until the public SDK (`eng5/sdk`) exists; then only this file changes.
 */
export { ExitCode } from "../../../src/errors.js"
export { type GradeScale, gradeRank } from "../../../src/domain/gradeScales.js"
export { writeFileAtomic, writeJsonAtomic } from "../../../src/runFolder/atomicWrite.js"
