/** Everything this plugin takes from eng5's core (the public SDK), and its own service, in one place. */
export { ExitCode, InvalidFlag } from "eng5/sdk"
export { makeRedactor } from "eng5/sdk"
export { writeFileAtomic, writeJsonAtomic } from "eng5/sdk"
/** The plugin's own service (the seam to the CJ database) and its errors. */
export * from "./Extractor.js"
