/** A delivery failure we detect ourselves, with a code for the outbox (never a message text). */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}
