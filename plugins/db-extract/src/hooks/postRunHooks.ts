import type { Eng5Hook } from "eng5/sdk"
import { dbExtractHook } from "../dbExtractHook.js"

/** Answers eng5's `eng5:post-run-hooks` event: this plugin offers `db-extract`. */
const hook: Eng5Hook<"eng5:post-run-hooks"> = async () => [dbExtractHook]

export default hook
