/** Collects positional parameters for hand-written SQL: `sql.param(value)` returns "$n". */
export class SqlParams {
  readonly values: unknown[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
