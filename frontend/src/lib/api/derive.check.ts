/**
 * Compile-time tests of derive.ts, run by `npm run check`: each
 * @ts-expect-error below must be an error, or the check fails.
 */
import type { Data, Input, Refine, Wire } from './derive';

class Inner {
  n: number = 0;
}
class Model {
  name: string = '';
  // Go type: time
  when: any;
  tags: string[] = [];
  inner?: Inner;
  convertValues(a: any): any {
    return a;
  }
}

type Expect<T extends true> = T;
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

// Data: readonly fields, no methods, time as a string.
export type DataShape = Expect<
  Equal<Data<Model>, { readonly name: string; readonly when: string; readonly tags: readonly string[]; readonly inner?: { readonly n: number } }>
>;

// Refine narrows and widens to null, field by field.
type Narrowed = Refine<Model, { name: 'a' | 'b'; tags: readonly string[] | null; inner: Data<Inner> }>;
export type NarrowedName = Expect<Equal<Narrowed['name'], 'a' | 'b'>>;
export type NarrowedTags = Expect<Equal<Narrowed['tags'], readonly string[] | null>>;
export type KeptWhen = Expect<Equal<Narrowed['when'], string>>;

// @ts-expect-error a field the Go struct does not have
export type Renamed = Refine<Model, { title: string }>;
// @ts-expect-error a field of another type than the Go struct's
export type Retyped = Refine<Model, { name: number }>;
// @ts-expect-error a slice refined as a single value
export type NotASlice = Refine<Model, { tags: string }>;
// @ts-expect-error a nested struct refined with a field it does not have
export type NestedRenamed = Refine<Model, { inner: { readonly m: number } }>;

// Input is writable.
export type Writable = Expect<Equal<Input<Inner, {}>, { n: number }>>;

// A model fits the wire shape of its own data, not of another struct's.
export const fits: Wire<Data<Model>> = new Model();
// @ts-expect-error another struct
export const other: Wire<Data<Model>> = new Inner();
