/**
 * Incremental decoder for the chunked transfer coding (RFC 9112 §7.1), used for request bodies by
 * the server and response bodies by the upstream client. Bytes may arrive split anywhere, even
 * inside a size line. Chunk extensions and trailer fields are skipped (bounded), never forwarded.
 */
export class ChunkedError extends Error {}

const enum State { Size, Extension, SizeLf, Data, DataCr, DataLf, TrailerStart, TrailerLine, TrailerLf, EndLf, Done }

/** Largest chunk size accepted: far above any body limit, far below where arithmetic loses precision. */
const MAX_CHUNK = 2 ** 40;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export class ChunkedDecoder {
  private state = State.Size;
  private size = 0;
  private digits = 0;
  private remaining = 0;
  /** Bytes of the current size line (or of all trailers): bounded so a line cannot grow forever. */
  private overhead = 0;

  constructor(private readonly maxOverheadBytes = 16 * 1024) {}

  get done(): boolean {
    return this.state === State.Done;
  }

  /**
   * Decodes `buf`, handing each piece of body to `onData` (subarrays of `buf`, not copies). Returns
   * how many bytes of `buf` belonged to the chunked body: less than buf.length only when the body
   * ended inside `buf` (the rest is the next message). Throws ChunkedError on malformed framing.
   */
  push(buf: Buffer, onData: (chunk: Buffer) => void): number {
    let i = 0;
    const n = buf.length;
    while (i < n && this.state !== State.Done) {
      if (this.state === State.Data) {
        const take = Math.min(this.remaining, n - i);
        onData(buf.subarray(i, i + take));
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = State.DataCr;
        continue;
      }
      const c = buf[i++];
      if (++this.overhead > this.maxOverheadBytes) throw new ChunkedError('chunk size lines or trailers are too long');
      this.step(c);
    }
    return i;
  }

  private step(c: number): void {
    switch (this.state) {
      case State.Size: {
        const v = hexValue(c);
        if (v >= 0) {
          this.size = this.size * 16 + v;
          if (++this.digits > 11 || this.size > MAX_CHUNK) throw new ChunkedError('chunk size is too large');
          return;
        }
        if (this.digits === 0) throw new ChunkedError('chunk size is missing');
        if (c === 13) { this.state = State.SizeLf; return; }
        if (c === 59 || c === 32 || c === 9) { this.state = State.Extension; return; } // ';' or BWS before it
        throw new ChunkedError('invalid character in chunk size');
      }
      case State.Extension:
        if (c === 13) this.state = State.SizeLf;
        else if (c === 10 || (c < 32 && c !== 9) || c === 127) throw new ChunkedError('invalid character in chunk extension');
        return;
      case State.SizeLf:
        if (c !== 10) throw new ChunkedError('chunk size line does not end with CRLF');
        if (this.size === 0) { this.state = State.TrailerStart; return; }
        this.remaining = this.size;
        this.overhead = 0; // the bound is per size line (and for all trailers), not per body
        this.size = 0;
        this.digits = 0;
        this.state = State.Data;
        return;
      case State.DataCr:
        if (c !== 13) throw new ChunkedError('chunk data is not followed by CRLF');
        this.state = State.DataLf;
        return;
      case State.DataLf:
        if (c !== 10) throw new ChunkedError('chunk data is not followed by CRLF');
        this.state = State.Size;
        return;
      case State.TrailerStart:
        if (c === 13) this.state = State.EndLf;
        else if (c === 10) throw new ChunkedError('trailer line does not end with CRLF');
        else this.state = State.TrailerLine;
        return;
      case State.TrailerLine:
        if (c === 13) this.state = State.TrailerLf;
        else if (c === 10) throw new ChunkedError('trailer line does not end with CRLF');
        return;
      case State.TrailerLf:
        if (c !== 10) throw new ChunkedError('trailer line does not end with CRLF');
        this.state = State.TrailerStart;
        return;
      case State.EndLf:
        if (c !== 10) throw new ChunkedError('the last chunk does not end with CRLF');
        this.state = State.Done;
        return;
      default:
        return;
    }
  }
}
