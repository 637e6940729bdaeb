// Minimal typings for pg-copy-streams (CommonJS, ships no types): only what the synthetic loader uses.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  export interface CopyStreamQuery extends Writable, Submittable {
    /** Rows COPY reported, available once the stream has finished. */
    rowCount: number;
  }

  export function from(text: string): CopyStreamQuery;
}
