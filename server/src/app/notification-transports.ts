import type { Transports } from '../notifications/dispatch.action.js';
import type { Mailer } from '../platform/mail/mailer.js';

/**
 * The channels' transports: e-mail through the mailer (SMTP_URL's server or the embedded catcher), SMS through
 * a logging transport (no SMS provider is wired yet; the sender ID is a setting because the ACMA register
 * marks unregistered alphanumeric IDs "Unverified" from 1 July 2026).
 */
export function notificationTransports(
  mailer: Mailer,
  sms: { senderId: string; log: (line: string) => void },
): Transports {
  return {
    email: async (m) => {
      const sent = await mailer.send({ key: m.key, to: m.to, subject: m.subject, text: m.text, ics: m.ics });
      return { providerId: sent.messageId };
    },
    sms: async (m) => {
      sms.log(`SMS from ${sms.senderId} to ${m.to.address}: ${m.text}`);
      return { providerId: `log:${m.key}` };
    },
  };
}
