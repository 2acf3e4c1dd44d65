import { Context, type Effect } from "effect"
import type { ContentTooLarge, ServiceFailure, ServiceUnreachable } from "../errors.js"

export type ContentStoreError = ServiceFailure | ServiceUnreachable | ContentTooLarge

/** The Content Service: stores essay text, answers whether a storage id still exists (contracts §4). */
export class ContentStore extends Context.Service<
  ContentStore,
  {
    /** The URL the storage ids belong to; the upload cache is scoped by it. */
    readonly endpoint: string
    readonly upload: (text: string) => Effect.Effect<string, ContentStoreError>
    readonly exists: (storageId: string) => Effect.Effect<boolean, ContentStoreError>
  }
>()("eng5/services/ContentStore") {}
