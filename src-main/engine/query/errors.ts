// Errors raised while parsing or compiling a query; both travel as BAD_INPUT with a position when known.

import { LoupeError } from '../../contract/errors';

export class QueryParseError extends LoupeError {
  constructor(
    message: string,
    public override readonly position: number,
  ) {
    super('BAD_INPUT', message, position);
    this.name = 'QueryParseError';
  }
}

export class QueryCompileError extends LoupeError {
  constructor(
    message: string,
    /** The field the error is about, as the user wrote it, when there is one. */
    public readonly field?: string,
  ) {
    super('BAD_INPUT', message);
    this.name = 'QueryCompileError';
  }
}
