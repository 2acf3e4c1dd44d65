import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { ContentStore } from "../../services/ContentStore.js"

export const SANDBOX_CONTENT_URL = "sandbox://content-service/v1/content"

export interface MemoryContentStore {
  readonly service: ContentStore["Service"]
  /** The texts stored so far, by storage id, in upload order. */
  readonly texts: () => ReadonlyMap<string, string>
}

/** The Content Service in memory: every upload gets a fresh 32-hex storage id. */
export const memoryContentStore = (endpoint: string = SANDBOX_CONTENT_URL): MemoryContentStore => {
  const texts = new Map<string, string>()
  return {
    texts: () => texts,
    service: ContentStore.of({
      endpoint,
      upload: (text) =>
        Effect.sync(() => {
          const storageId = randomUUID().replaceAll("-", "")
          texts.set(storageId, text)
          return storageId
        }),
      exists: (storageId) => Effect.sync(() => texts.has(storageId))
    })
  }
}
