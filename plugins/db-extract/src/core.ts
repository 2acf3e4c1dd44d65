/** Everything this plugin takes from eng5's core, in one place: the public SDK. Its own service is ./Extractor.js. */
export { ExitCode, InvalidFlag } from "eng5/sdk"
export { makeRedactor } from "eng5/sdk"
export { writeFileAtomic, writeJsonAtomic } from "eng5/sdk"
