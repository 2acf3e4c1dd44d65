import type { Eng5Hook } from "eng5/sdk"
import { helloHook } from "../helloMode.js"

/** eng5 asks every plugin for its post-run hooks; `--post-run hello` then selects this one. */
const hook: Eng5Hook<"eng5:post-run-hooks"> = async () => [helloHook]

export default hook
