/** A piece of a line: text (written as UTF-8) or bytes as they are. */
export type LinePiece = string | Uint8Array

/**
 * Lines gathered in one growing buffer between writes, so a line costs no allocation of its
 * own. A buffer handed to the disk comes back once written and is filled again: fresh memory
 * costs a page fault per 4 KB on first touch, which on a fast stream of events is most of the
 * cost of storing them.
 */
export class LineBuffer {
  private buffer: Buffer
  private used = 0
  private readonly spares: Buffer[] = []

  constructor(private readonly initialSize: number) {
    this.buffer = Buffer.allocUnsafeSlow(initialSize)
  }

  get length(): number {
    return this.used
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + bytes))
    this.buffer.copy(grown, 0, 0, this.used)
    this.buffer = grown
  }

  /** Text known to be ASCII, copied without UTF-8 encoding. */
  ascii(text: string): void {
    this.reserve(text.length)
    this.used += this.buffer.write(text, this.used, "latin1")
  }

  add(piece: LinePiece): void {
    if (typeof piece === "string") {
      this.reserve(piece.length * 3)
      this.used += this.buffer.write(piece, this.used, "utf8")
    } else {
      this.reserve(piece.byteLength)
      this.buffer.set(piece, this.used)
      this.used += piece.byteLength
    }
  }

  /** What was gathered, handed over until given back with `recycle`; gathering goes on in a spare buffer. */
  take(): Buffer {
    const taken = this.buffer.subarray(0, this.used)
    this.buffer = this.spares.pop() ?? Buffer.allocUnsafeSlow(Math.max(this.initialSize, Math.min(this.buffer.length, MAX_SPARE_BYTES)))
    this.used = 0
    return taken
  }

  /** A buffer from `take`, written and no longer needed. Large ones are dropped, so a burst does not stay in memory. */
  recycle(taken: Buffer): void {
    const whole = Buffer.from(taken.buffer, 0, taken.buffer.byteLength)
    if (whole.length <= MAX_SPARE_BYTES && this.spares.length < MAX_SPARES) this.spares.push(whole)
  }
}

/** Spare line buffers kept per file, and their largest size. */
const MAX_SPARES = 2
const MAX_SPARE_BYTES = 4 * 1024 * 1024
