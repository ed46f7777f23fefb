/** A recurrence that cannot be parsed or expanded: `field` names the property or rule part (e.g. `RRULE.BYWEEKNO`). */
export class RecurrenceError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
    this.name = 'RecurrenceError';
  }
}
