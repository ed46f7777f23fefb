import type { Transports } from '../notifications/dispatch.action.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { loggingSmsSender, type SmsSender } from '../platform/sms/sms-sender.js';

/**
 * The channels' transports: e-mail through the mailer (SMTP_URL's server or the embedded catcher), SMS through
 * an SmsSender — by default the logging one, which delivers nothing and says so on the outbox row (no SMS
 * provider is built in; the sender ID is a setting because the ACMA register marks unregistered alphanumeric
 * IDs "Unverified" from 1 July 2026).
 */
export function notificationTransports(
  mailer: Mailer,
  sms: { senderId: string; log: (line: string) => void; sender?: SmsSender },
): Transports {
  const sender = sms.sender ?? loggingSmsSender(sms.log);
  return {
    email: async (m) => {
      const sent = await mailer.send({ key: m.key, to: m.to, subject: m.subject, text: m.text, ics: m.ics });
      return { providerId: sent.messageId };
    },
    sms: (m) => sender.send({ key: m.key, from: sms.senderId, to: m.to.address, text: m.text }),
  };
}
