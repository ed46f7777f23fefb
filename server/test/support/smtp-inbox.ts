import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * What a real mail server receives: an SMTP listener on a loopback port, each message parsed with mailparser.
 * `url` is what the app's SMTP_URL is set to; `mailsTo` finds messages by recipient and subject.
 */
export async function startSmtpInbox() {
  const inbox: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const address = smtp.server.address();
  return {
    inbox,
    url: `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    mailsTo: (to: string, subject: RegExp) =>
      inbox.filter(
        (m) => m.to && !Array.isArray(m.to) && m.to.text.includes(to) && subject.test(m.subject ?? ''),
      ),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** Polls `probe` every 50 ms until it gives a value (no fixed sleeps); fails naming `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
) {
  for (let waited = 0; ; waited += 50) {
    const value = await probe();
    if (value !== undefined) return value;
    if (waited >= ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
