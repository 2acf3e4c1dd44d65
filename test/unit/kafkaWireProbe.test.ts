/**
 * Doctor's reading of Kafka's answers, on frames built by hand after Kafka's protocol guide:
 * ApiVersions v0 and Metadata v4 response bodies (the size prefix already taken off).
 */
import { describe, expect, it } from "vitest"
import { parseApiVersions, parseMetadata } from "../../src/layers/kafka/kafkaWireProbe.js"

const int8 = (value: number): Buffer => Buffer.from([value])
const int16 = (value: number): Buffer => {
  const bytes = Buffer.alloc(2)
  bytes.writeInt16BE(value)
  return bytes
}
const int32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4)
  bytes.writeInt32BE(value)
  return bytes
}
/** A nullable string: int16 length (-1 for null), then UTF-8 bytes. */
const string = (value: string | null): Buffer => (value === null ? int16(-1) : Buffer.concat([int16(Buffer.byteLength(value)), Buffer.from(value, "utf8")]))
const array = (items: ReadonlyArray<Buffer>): Buffer => Buffer.concat([int32(items.length), ...items])

const apiVersionsBody = (correlationId: number, errorCode: number, apis: ReadonlyArray<readonly [number, number, number]>): Buffer =>
  Buffer.concat([int32(correlationId), int16(errorCode), array(apis.map(([key, min, max]) => Buffer.concat([int16(key), int16(min), int16(max)])))])

const broker = (nodeId: number, host: string, port: number, rack: string | null) => Buffer.concat([int32(nodeId), string(host), int32(port), string(rack)])
const partition = (index: number, leader: number, replicas: ReadonlyArray<number>) =>
  Buffer.concat([int16(0), int32(index), int32(leader), array(replicas.map(int32)), array(replicas.map(int32))])
const topic = (errorCode: number, name: string, internal: boolean, partitions: ReadonlyArray<Buffer>) => Buffer.concat([int16(errorCode), string(name), int8(internal ? 1 : 0), array(partitions)])

const metadataBody = (correlationId: number): Buffer =>
  Buffer.concat([
    int32(correlationId),
    int32(0), // throttle time
    array([broker(1, "kafka-a", 9093, null), broker(2, "kafka-b", 9094, "rack-2")]),
    string(null), // cluster id
    int32(1), // controller id
    array([
      topic(0, "huleedu.els.cj_assessment.requested.v1", false, [partition(0, 1, [1, 2]), partition(1, 2, [2, 1])]),
      topic(3, "huleedu.cj_assessment.failed.v1", false, []),
      topic(0, "__consumer_offsets", true, [partition(0, 1, [1])])
    ])
  ])

describe("doctor's Kafka wire probe reads", () => {
  it("an ApiVersions answer: its error code and every API with its versions", () => {
    expect(parseApiVersions(apiVersionsBody(1, 0, [[0, 0, 11], [3, 0, 12], [18, 0, 4]]), 1)).toEqual({
      errorCode: 0,
      apis: [
        { key: 0, min: 0, max: 11 },
        { key: 3, min: 0, max: 12 },
        { key: 18, min: 0, max: 4 }
      ]
    })
    expect(parseApiVersions(apiVersionsBody(1, 35, []), 1)).toEqual({ errorCode: 35, apis: [] })
  })

  it("a Metadata answer: the advertised brokers and each topic with its error code, past racks, partitions and replicas", () => {
    expect(parseMetadata(metadataBody(2), 2)).toEqual({
      brokers: ["kafka-a:9093", "kafka-b:9094"],
      topics: [
        { name: "huleedu.els.cj_assessment.requested.v1", errorCode: 0 },
        { name: "huleedu.cj_assessment.failed.v1", errorCode: 3 },
        { name: "__consumer_offsets", errorCode: 0 }
      ]
    })
  })

  it("nothing from an answer to another request or one cut short", () => {
    expect(parseApiVersions(apiVersionsBody(7, 0, [[18, 0, 4]]), 1)).toBeUndefined()
    expect(parseMetadata(metadataBody(7), 2)).toBeUndefined()
    const apiVersions = apiVersionsBody(1, 0, [[18, 0, 4]])
    expect(parseApiVersions(apiVersions.subarray(0, apiVersions.length - 1), 1)).toBeUndefined()
    const metadata = metadataBody(2)
    expect(parseMetadata(metadata.subarray(0, metadata.length - 3), 2)).toBeUndefined()
    expect(parseMetadata(Buffer.from("HTTP/1.1 400 Bad Request"), 2)).toBeUndefined()
  })
})
