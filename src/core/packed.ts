/**
 * Several typed arrays carved out of one ArrayBuffer. Every typed array over 64 bytes gets its own
 * off-heap backing store, which is slow to allocate and to free; worlds and planning models are built
 * per episode and per plan, and thirteen stores per world made parallel bench workers spend their time
 * in the garbage collector's helper threads instead of simulating.
 */
export type TypedArrayConstructor =
  Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor | Int8ArrayConstructor;

export type TypedArray = InstanceType<TypedArrayConstructor>;

type Views<T extends readonly (readonly [TypedArrayConstructor, number])[]> = {
  -readonly [K in keyof T]: InstanceType<T[K][0]>;
};

/** Zero-filled views of the given types and lengths, in order, sharing one buffer (each 8-byte aligned). */
export function packedArrays<const T extends readonly (readonly [TypedArrayConstructor, number])[]>(
  parts: T,
): Views<T> {
  const align = (bytes: number) => Math.ceil(bytes / 8) * 8;
  let bytes = 0;
  for (const [Type, length] of parts) bytes += align(Type.BYTES_PER_ELEMENT * length);
  const buffer = new ArrayBuffer(bytes);
  let offset = 0;
  const views = parts.map(([Type, length]) => {
    const view = new Type(buffer, offset, length);
    offset += align(Type.BYTES_PER_ELEMENT * length);
    return view;
  });
  return views as Views<T>;
}
