// Text and bytes of an export gathered as UTF-8 into buffers of about 4 MiB, each handed on as
// one piece (few messages between threads: with 1 MiB, the worker's profile showed ~10% of its
// time in posting them), while the text itself comes in small strings
// (a V8 string over 128 KiB lives in the large-object space, which only a full collection
// frees). A few buffers may be on their way at once, so the writer goes on while the receiver
// takes the last ones (in order: the receiver must handle them one after another). Each buffer
// is new, so the receiver may keep it or take it over (transfer). Pure: must never write
// anywhere itself.

export const DEFAULT_BATCH_BYTES = 1 << 22;
/** Buffers handed on and not yet taken, at most. */
export const DEFAULT_BATCHES_IN_FLIGHT = 4;

export interface ByteBatcher {
  /** Appends `data`; hands on the buffer when it is full (waiting while too many are on their way). */
  write(data: string | Uint8Array): Promise<void>;
  /** Hands on what is buffered (if anything) and waits until every buffer has been taken. */
  flush(): Promise<void>;
}

export interface ByteBatcherOptions {
  size?: number;
  inFlight?: number;
}

export function byteBatcher(send: (bytes: Uint8Array) => Promise<void> | void, options: ByteBatcherOptions = {}): ByteBatcher {
  const size = Math.max(options.size ?? DEFAULT_BATCH_BYTES, 4); // room for any character
  const inFlight = Math.max(options.inFlight ?? DEFAULT_BATCHES_IN_FLIGHT, 1);
  const encoder = new TextEncoder();
  const sending: Promise<void>[] = [];
  let buffer = new Uint8Array(size);
  let filled = 0;
  const handOn = async (bytes: Uint8Array) => {
    const sent = Promise.resolve(send(bytes));
    sent.catch(() => undefined); // awaited below or by flush()
    sending.push(sent);
    if (sending.length >= inFlight) await sending.shift();
  };
  const handOnBuffer = async () => {
    if (filled === 0) return;
    const full = buffer.subarray(0, filled);
    buffer = new Uint8Array(size);
    filled = 0;
    await handOn(full);
  };
  return {
    async write(data) {
      if (typeof data !== 'string') {
        if (filled + data.length > size) await handOnBuffer();
        if (data.length >= size) await handOn(data);
        else {
          buffer.set(data, filled);
          filled += data.length;
        }
        return;
      }
      // encodeInto stops before a character that does not fit (never inside a surrogate pair).
      for (let read = 0; read < data.length; ) {
        const done = encoder.encodeInto(read === 0 ? data : data.slice(read), buffer.subarray(filled));
        read += done.read;
        filled += done.written;
        if (read < data.length) await handOnBuffer();
      }
      if (filled === size) await handOnBuffer();
    },
    async flush() {
      await handOnBuffer();
      while (sending.length > 0) await sending.shift();
    },
  };
}
