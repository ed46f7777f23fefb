import { join } from 'node:path';
import { SMS_PROVIDERS, type SmsProviderName } from '../sms/sms-sender.js';

export type Config = {
  port: number;
  host: string;
  /** The URL the server is reached at from outside (feed links are built on it); default: the listening address. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  /**
   * DATABASE_READ_URL: a read replica (a streaming standby) for the calendar and iCalendar feed reads, which may
   * lag the primary by the replication delay. Unset: those reads go to the primary like every other query.
   */
  databaseReadUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  webDist: string;
  session: { idleMinutes: number; absoluteHours: number; secureCookie: boolean };
  /** Sign-in failure budgets (identity's ThrottlePolicy; declared here so settings name no domain). */
  /** Outgoing mail: SMTP_URL's server, or (unset) the embedded mail catcher on loopback. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Client notifications: the reminder's lead time (CAREBOOK_REMINDER_HOURS) and the SMS sender ID. */
  notifications: { reminderMinutes: number; smsSenderId: string; smsProvider: SmsProviderName };
  signInThrottle: {
    windowMinutes: number;
    maxFailuresPerEmail: number;
    maxFailuresPerIp: number;
    maxFailuresPerEmailGlobal: number;
  };
};

export const REPO_ROOT = join(import.meta.dirname, '../../../..');

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

function publicUrlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('CAREBOOK_PUBLIC_URL must be an absolute http(s) URL such as https://care.example.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('CAREBOOK_PUBLIC_URL must be an absolute http(s) URL such as https://care.example.org');
  return raw.replace(/\/+$/, '');
}

function databaseReadUrlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(raw))
    throw new Error(
      'DATABASE_READ_URL must look like postgres://user:password@replica.example.org:5432/carebook',
    );
  return raw;
}

function smtpUrlFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^smtps?:\/\/[^\s]+$/.test(raw))
    throw new Error(
      'SMTP_URL must look like smtp://user:password@mail.example.org:587 (or smtps://… for port 465)',
    );
  return raw;
}

function smsProviderFrom(raw: string | undefined): SmsProviderName {
  if (raw === undefined || raw === '') return 'log';
  const known = SMS_PROVIDERS.find((p) => p === raw);
  if (!known)
    throw new Error(
      `CAREBOOK_SMS_PROVIDER: no SMS provider "${raw}" is built in (only ${SMS_PROVIDERS.map((p) => `"${p}"`).join(', ')}); ` +
        'add an SmsSender in server/src/platform/sms/ to use one',
    );
  return known;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    publicUrl: publicUrlFrom(env.CAREBOOK_PUBLIC_URL),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: databaseReadUrlFrom(env.DATABASE_READ_URL),
    dataDir: env.CAREBOOK_DATA_DIR || join(REPO_ROOT, 'data'),
    demo: env.CAREBOOK_DEMO !== '0',
    webDist: env.CAREBOOK_WEB_DIST || join(REPO_ROOT, 'web/dist'),
    session: {
      idleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30),
      absoluteHours: intFrom(env, 'SESSION_ABSOLUTE_HOURS', 12),
      secureCookie: env.COOKIE_SECURE === '1',
    },
    mail: {
      smtpUrl: smtpUrlFrom(env.SMTP_URL),
      from: env.MAIL_FROM || 'Carebook <no-reply@carebook.local>',
    },
    notifications: {
      reminderMinutes: intFrom(env, 'CAREBOOK_REMINDER_HOURS', 24) * 60,
      smsSenderId: env.SMS_SENDER_ID || 'Carebook',
      smsProvider: smsProviderFrom(env.CAREBOOK_SMS_PROVIDER),
    },
    signInThrottle: {
      windowMinutes: intFrom(env, 'SIGN_IN_WINDOW_MINUTES', 15),
      maxFailuresPerEmail: intFrom(env, 'SIGN_IN_MAX_FAILURES_PER_EMAIL', 5),
      maxFailuresPerIp: intFrom(env, 'SIGN_IN_MAX_FAILURES_PER_IP', 30),
      maxFailuresPerEmailGlobal: intFrom(env, 'SIGN_IN_MAX_FAILURES_PER_EMAIL_GLOBAL', 50),
    },
  };
}
