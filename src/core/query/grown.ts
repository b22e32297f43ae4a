/**
 * A typed array with room for at least `length` cells: the same array when it has them, else a
 * copy at least twice as long, the new cells set to `fill`. The indexes grow their per-number
 * arrays this way as numbers are given out.
 */
export function grown<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(
  array: T,
  length: number,
  fill = 0,
): T {
  if (array.length >= length) return array;
  const larger = new (array.constructor as new (length: number) => T)(Math.max(length, array.length * 2, 1024));
  larger.set(array);
  if (fill !== 0) larger.fill(fill, array.length);
  return larger;
}
