// Text and bytes of an export gathered as UTF-8 into buffers of about 1 MiB, each handed on as
// one piece (few messages between threads), while the text itself comes in small strings
// (a V8 string over 128 KiB lives in the large-object space, which only a full collection
// frees). Each buffer is new, so the receiver may keep it or take it over (transfer). Pure:
// must never write anywhere itself.

export const DEFAULT_BATCH_BYTES = 1 << 20;

export interface ByteBatcher {
  /** Appends `data`; hands on the buffer when it is full. */
  write(data: string | Uint8Array): Promise<void>;
  /** Hands on what is buffered (if anything). */
  flush(): Promise<void>;
}

export function byteBatcher(send: (bytes: Uint8Array) => Promise<void> | void, size = DEFAULT_BATCH_BYTES): ByteBatcher {
  size = Math.max(size, 4); // room for any character
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(size);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    const full = buffer.subarray(0, filled);
    buffer = new Uint8Array(size);
    filled = 0;
    await send(full);
  };
  return {
    async write(data) {
      if (typeof data !== 'string') {
        if (filled + data.length > size) await flush();
        if (data.length >= size) await send(data);
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
        if (read < data.length) await flush();
      }
      if (filled === size) await flush();
    },
    flush,
  };
}
