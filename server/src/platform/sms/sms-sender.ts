/** One text message for an SMS provider. */
export type SmsMessage = {
  /** The outbox row's idempotency key: a provider that accepts one can drop a repeat. */
  key: string;
  /** The sender ID (SMS_SENDER_ID): from 1 July 2026 an ID not on the ACMA register shows as "Unverified". */
  from: string;
  to: string;
  text: string;
};

/**
 * Where SMS goes: a provider resolves with its message id (`providerId`), or with `notSent` saying why nothing
 * left Carebook; it rejects when the provider refused the message (then the outbox retries). A provider is
 * added here as another SmsSender and chosen by CAREBOOK_SMS_PROVIDER; none but the logging one is built in.
 */
export type SmsSender = {
  name: string;
  send: (message: SmsMessage) => Promise<{ providerId: string } | { notSent: string }>;
};

/** The wording the Outbox shows for a text the logging sender kept. */
export const NO_SMS_PROVIDER =
  'Not sent: no SMS provider is configured (the text was only written to the log)';

/** The default: writes the text to the server log and reports it not sent, so no one thinks it was delivered. */
export function loggingSmsSender(log: (line: string) => void): SmsSender {
  return {
    name: 'log',
    send: async (m) => {
      log(`SMS (not sent, no provider) from ${m.from} to ${m.to}: ${m.text}`);
      return { notSent: NO_SMS_PROVIDER };
    },
  };
}

/** The SMS providers CAREBOOK_SMS_PROVIDER may name. */
export const SMS_PROVIDERS = ['log'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];
