import { Temporal } from 'temporal-polyfill';

/** The only source of "now" in the server; pure code receives the instant as an argument. */
export type Clock = () => Temporal.Instant;

export const systemClock: Clock = () => Temporal.Now.instant();
