import nodemailer from 'nodemailer';

export type MailMessage = {
  /** Becomes the Message-ID's local part: the same message sent twice carries the same id. */
  key: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** An iTIP invitation: sent as the `text/calendar; method=…` alternative and as an .ics attachment. */
  ics: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
};

export type Mailer = {
  send: (m: MailMessage) => Promise<{ messageId: string }>;
  close: () => void;
};

/** An SMTP mailer (nodemailer) for `smtpUrl`, e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'carebook.local';
  return {
    send: async (m) => {
      const info = await transport.sendMail({
        from,
        to: { name: m.to.name, address: m.to.address },
        subject: m.subject,
        text: m.text,
        messageId: `<${m.key.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`,
        // nodemailer's default method is PUBLISH, with which calendars never remove the event: always name it.
        ...(m.ics
          ? {
              icalEvent: {
                method: m.ics.method.toLowerCase(),
                filename: m.ics.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
                content: m.ics.content,
              },
            }
          : {}),
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
