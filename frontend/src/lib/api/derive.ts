/**
 * Type-level tools that turn the generated Wails models (wailsjs/go/models.ts,
 * written by `make generate` from the Go structs) into the readonly data the
 * UI works with, so that a Go struct that changes shape breaks `npm run check`.
 */

type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The data of a generated model class, as it arrives over JSON: readonly,
 * without the class's methods. Wails types a Go time.Time as `any`; it
 * crosses as an RFC 3339 string (the models test checks that every `any` in
 * the models is a time).
 */
export type Data<T> =
  IsAny<T> extends true
    ? string
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer E)[]
        ? readonly Data<E>[]
        : T extends object
          ? // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
            { readonly [K in keyof T as T[K] extends Function ? never : K]: Data<T[K]> }
          : T;

/**
 * What a value of the UI type T looks like on the wire: string unions are
 * strings, readonly is dropped, and any field may be absent or null (a Go
 * pointer or slice the UI knows is never nil is a narrowing too). A generated
 * model must be assignable to Wire<T> for T to describe it: same field types,
 * and (being a weak type) at least one field name in common.
 */
export type Wire<T> = T extends null | undefined
  ? T
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends boolean
        ? boolean
        : T extends readonly (infer E)[]
          ? Wire<E>[]
          : { -readonly [K in keyof T]+?: Wire<T[K]> | null };

/** Each refined field must exist in the model and be a narrowing of its type. */
export type Refinements<R, O> = {
  [K in keyof O]: K extends keyof R
    ? NonNullable<R[K]> extends Wire<NonNullable<O[K]>>
      ? O[K]
      : `${K & string}: its type differs from the Go struct's field`
    : `${K & string}: no such field in the Go struct`;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * Data<R> with some fields given a narrower type than Wails can generate: a
 * string union for a Go string that holds one of a few values, `| null` for a
 * Go slice or pointer that may be nil, a refined nested type. A refinement of
 * a field the struct no longer has, or of another type, does not compile.
 */
export type Refine<R, O extends Refinements<R, O>> = Simplify<
  Omit<Data<R>, keyof O> & { readonly [K in keyof O]: O[K] }
>;

/** Like Refine, for what the UI builds and passes to Go: fields are writable. */
export type Input<R, O extends Refinements<R, O>> = Simplify<
  { -readonly [K in keyof Omit<Data<R>, keyof O>]: Data<R>[K] } & { -readonly [K in keyof O]: O[K] }
>;
