const encoder = new TextEncoder();

/**
 * Writes JSON as UTF-8 bytes into a reused buffer and hands each full buffer
 * to `emit`. A month's output is hundreds of megabytes: building it as
 * strings and encoding them costs three times as long as writing the bytes.
 * `emit` must consume the chunk before returning (the buffer is reused).
 */
export class JsonByteWriter {
  private buffer: Uint8Array;
  private at = 0;

  constructor(
    private readonly emit: (chunk: Uint8Array) => void,
    capacity = 1 << 20,
  ) {
    this.buffer = new Uint8Array(capacity);
  }

  /** Literal JSON text made of ASCII only: punctuation, keys, `null`, `true`. */
  raw(text: string): void {
    this.ensure(text.length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** A safe integer. */
  int(value: number): void {
    this.ensure(17);
    const buffer = this.buffer;
    let at = this.at;
    let rest = value;
    if (rest < 0) {
      buffer[at++] = 45; // '-'
      rest = -rest;
    }
    const start = at;
    do {
      const next = Math.floor(rest / 10);
      buffer[at++] = 48 + rest - next * 10;
      rest = next;
    } while (rest > 0);
    for (let i = start, j = at - 1; i < j; i++, j--) {
      const digit = buffer[i]!;
      buffer[i] = buffer[j]!;
      buffer[j] = digit;
    }
    this.at = at;
  }

  bool(value: boolean): void {
    this.raw(value ? 'true' : 'false');
  }

  /** A JSON string, quoted; printable ASCII is copied as is, anything else goes through JSON.stringify. */
  string(text: string): void {
    this.ensure(text.length + 2);
    const buffer = this.buffer;
    let at = this.at;
    buffer[at++] = 34; // '"'
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === 34 || code === 92) return this.escaped(text);
      buffer[at++] = code;
    }
    buffer[at++] = 34;
    this.at = at;
  }

  /** Emits what is left. */
  end(): void {
    if (this.at > 0) this.emit(this.buffer.subarray(0, this.at));
    this.at = 0;
  }

  private escaped(text: string): void {
    const json = JSON.stringify(text);
    this.ensure(json.length * 3);
    this.at += encoder.encodeInto(json, this.buffer.subarray(this.at)).written;
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.end();
    if (bytes > this.buffer.length) this.buffer = new Uint8Array(bytes);
  }
}
