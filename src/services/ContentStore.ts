import { Context, type Effect } from "effect"
import type { ServiceFailure } from "../errors.js"

/** The Content Service: stores essay text, answers whether a storage id still exists (contracts §4). */
export class ContentStore extends Context.Service<
  ContentStore,
  {
    /** The URL the storage ids belong to; the upload cache is scoped by it. */
    readonly endpoint: string
    readonly upload: (text: string) => Effect.Effect<string, ServiceFailure>
    readonly exists: (storageId: string) => Effect.Effect<boolean, ServiceFailure>
  }
>()("eng5/services/ContentStore") {}
