/**
 * Posting many traces at once: each packed trace has about twenty small typed arrays, and a
 * structured clone pays per ArrayBuffer (50,000 one-span traces were a million transferred
 * buffers and a long main-thread stall on arrival). This copies every typed array found in the
 * top two levels of each item into one buffer per array type, and puts a small reference in its
 * place; the page turns the references back into views of those few buffers (no copy).
 *
 * It knows nothing of the packed shape (packed-traces.ts), only "typed arrays in plain objects",
 * so the pack format can change without touching this.
 */

type TypedArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

const constructors = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array } as const;
type ArrayKind = keyof typeof constructors;

/** Where one typed array went: its type, and its element range in that type's buffer. */
interface ViewRef {
  readonly bundledView: ArrayKind;
  readonly at: number;
  readonly length: number;
}

export interface Bundle<T> {
  readonly items: T[];
  /** One buffer per array type; transfer these. */
  readonly buffers: Partial<Record<ArrayKind, ArrayBuffer>>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value) && Object.getPrototypeOf(value) === Object.prototype;

const kindOf = (view: ArrayBufferView): ArrayKind | undefined => {
  const name = view.constructor.name;
  return name in constructors ? (name as ArrayKind) : undefined;
};

/** Walks the top `depth` levels of plain objects, calling `visit` on each own value. */
function mapLevels(value: Record<string, unknown>, depth: number, visit: (value: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    const mapped = visit(field);
    out[key] = mapped !== field ? mapped : depth > 1 && isPlainObject(field) ? mapLevels(field, depth - 1, visit) : field;
  }
  return out;
}

/** Gathers the typed arrays of `items` into a few buffers (the items are not changed). */
export function bundleTypedArrays<T extends object>(items: readonly T[], depth = 2): Bundle<T> {
  const lengths = new Map<ArrayKind, number>();
  const count = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const kind = kindOf(value);
      if (kind) lengths.set(kind, (lengths.get(kind) ?? 0) + (value as TypedArray).length);
    }
    return value;
  };
  for (const item of items) mapLevels(item as Record<string, unknown>, depth, count);
  const targets = new Map<ArrayKind, TypedArray>();
  for (const [kind, length] of lengths) targets.set(kind, new constructors[kind](length));
  const filled = new Map<ArrayKind, number>();
  const place = (value: unknown): unknown => {
    if (!ArrayBuffer.isView(value)) return value;
    const kind = kindOf(value);
    if (!kind) return value;
    const at = filled.get(kind) ?? 0;
    const source = value as TypedArray;
    (targets.get(kind) as { set(array: ArrayLike<number | bigint>, offset: number): void }).set(source as ArrayLike<number | bigint>, at);
    filled.set(kind, at + source.length);
    const ref: ViewRef = { bundledView: kind, at, length: source.length };
    return ref;
  };
  const bundled = items.map((item) => mapLevels(item as Record<string, unknown>, depth, place) as T);
  const buffers: Partial<Record<ArrayKind, ArrayBuffer>> = {};
  for (const [kind, target] of targets) buffers[kind] = target.buffer as ArrayBuffer;
  return { items: bundled, buffers };
}

const isViewRef = (value: unknown): value is ViewRef => isPlainObject(value) && typeof value.bundledView === 'string' && value.bundledView in constructors;

/** Turns the references back into typed arrays: views of the bundle's buffers, not copies. */
export function unbundleTypedArrays<T extends object>(bundle: Bundle<T>, depth = 2): T[] {
  const restore = (value: unknown): unknown => {
    if (!isViewRef(value)) return value;
    const buffer = bundle.buffers[value.bundledView];
    if (!buffer) throw new Error(`The bundle has no ${value.bundledView} buffer.`);
    const Constructor = constructors[value.bundledView];
    return new Constructor(buffer, value.at * Constructor.BYTES_PER_ELEMENT, value.length);
  };
  return bundle.items.map((item) => mapLevels(item as Record<string, unknown>, depth, restore) as T);
}

/** The buffers to transfer with a bundle. */
export const bundleTransfer = (bundle: Bundle<object>): ArrayBuffer[] => Object.values(bundle.buffers).filter((b): b is ArrayBuffer => b !== undefined);
