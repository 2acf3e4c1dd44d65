/** Everything this plugin takes from eng5's core, in one place: the public SDK. */
export { ExitCode, type GradeScale, gradeRank } from "eng5/sdk"
export { writeFileAtomic, writeJsonAtomic } from "eng5/sdk"
