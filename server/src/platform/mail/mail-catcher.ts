import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The calendar parts (method and content), as a calendar client would read them. */
  calendars: { contentType: string; method: string | null; content: string }[];
  receivedAt: string;
};

export type MailCatcher = {
  /** smtp://127.0.0.1:<port>: hand it to the mailer. */
  url: string;
  /** The most recent messages, newest last (at most 500 kept). */
  messages: () => readonly CaughtMail[];
  stop: () => Promise<void>;
};

/** The calendar parts of a parsed message: mailparser lists text/calendar alternatives as attachments. */
export function calendarParts(mail: ParsedMail): CaughtMail['calendars'] {
  return mail.attachments
    .filter((a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics')
    .map((a) => {
      const content = a.content.toString('utf8');
      return {
        contentType: a.contentType,
        method: /^METHOD:(.*)$/m.exec(content)?.[1]?.trim() ?? null,
        content,
      };
    });
}

/**
 * An SMTP server on loopback that keeps what it receives, for a machine with no real mail server: the Outbox
 * page shows what clients would have been sent. It accepts any sender and recipient, without authentication,
 * and only listens on 127.0.0.1.
 */
export async function startMailCatcher(o: {
  log: (line: string) => void;
  /** The receipt time to record (the app's clock, as an ISO instant). */
  now: () => string;
  port?: number;
}): Promise<MailCatcher> {
  const { log, now, port = 0 } = o;
  const caught: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          caught.push({
            messageId: mail.messageId ?? null,
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            calendars: calendarParts(mail),
            receivedAt: now(),
          });
          if (caught.length > 500) caught.shift();
          callback();
        })
        .catch((error: Error) => {
          log(`Mail catcher: ${error.message}`);
          callback(error);
        });
    },
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  server.on('error', (error) => log(`Mail catcher: ${error.message}`));
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages: () => caught,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
