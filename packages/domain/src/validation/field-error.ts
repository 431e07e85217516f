/** One reason a record was refused, in words an agency operator can act on. */
export interface FieldError {
  /** Dotted path of the field in the submitted record, or `(record)` for the whole record. */
  readonly field: string;
  readonly reason: string;
}

export class FieldErrors {
  readonly list: FieldError[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }
}

export function describeErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.reason}`).join('; ');
}
