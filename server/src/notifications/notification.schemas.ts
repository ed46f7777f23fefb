import { z } from 'zod';
import { instant, localTime } from '../platform/http/schemas.js';
import { timeZoneField } from '../shared/time-zone.js';

const quiet = localTime.nullable().default(null);

export const preferenceInput = z
  .object({
    recipient: z.enum(['client', 'contact']),
    contactName: z.string().trim().min(1, 'is required').max(200).nullable().default(null),
    email: z.email('must be an e-mail address').max(320).nullable().default(null),
    phone: z.string().trim().min(6).max(32).nullable().default(null),
    channel: z.enum(['email', 'sms']),
    timeZone: timeZoneField().nullable().default(null).meta({
      description: "The recipient's IANA zone (their messages are written in it); null: the client's zone",
    }),
    optedIn: z.boolean().meta({
      description: 'Whether the recipient agreed to messages on this channel; the time they did is recorded',
    }),
    quietStart: quiet.meta({ description: 'Start of quiet hours (HH:MM, recipient zone); null: none' }),
    quietEnd: quiet.meta({ description: 'End of quiet hours (HH:MM); may be before the start (overnight)' }),
  })
  .superRefine((p, ctx) => {
    if (p.recipient === 'contact' && p.contactName === null)
      ctx.addIssue({ code: 'custom', path: ['contactName'], message: 'is required for a contact' });
    if (p.recipient === 'client' && p.contactName !== null)
      ctx.addIssue({ code: 'custom', path: ['contactName'], message: 'is only for a contact' });
    if (p.recipient === 'contact' && p.channel === 'email' && p.email === null)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required for e-mail to a contact' });
    if (p.recipient === 'contact' && p.channel === 'sms' && p.phone === null)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required for SMS to a contact' });
    if ((p.quietStart === null) !== (p.quietEnd === null))
      ctx.addIssue({
        code: 'custom',
        path: ['quietEnd'],
        message: 'must be given with the start of quiet hours',
      });
    if (p.quietStart !== null && p.quietStart === p.quietEnd)
      ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'must differ from the start' });
  });
export type PreferenceInput = z.infer<typeof preferenceInput>;

export const preferenceSchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    recipient: z.enum(['client', 'contact']),
    contactName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    channel: z.enum(['email', 'sms']),
    timeZone: z.string().nullable(),
    optedInAt: instant.nullable(),
    quietStart: z.string().nullable(),
    quietEnd: z.string().nullable(),
  })
  .meta({ id: 'NotificationPreference' });

export const serviceDefaultInput = z.object({
  notifyClient: z.boolean(),
  reminderMinutes: z
    .number()
    .int('must be whole minutes')
    .min(0)
    .max(20160, 'must be at most 14 days')
    .nullable()
    .meta({
      description: "Minutes before a booking its reminder goes out; null: the server's default (24 h)",
    }),
});

export const serviceDefaultSchema = z
  .object({
    serviceTypeId: z.uuid(),
    serviceTypeName: z.string(),
    active: z.boolean().meta({ description: 'Whether the service type is still offered' }),
    configured: z.boolean().meta({ description: 'false: never set, the values shown are the rule’s own' }),
    notifyClient: z.boolean(),
    reminderMinutes: z.number().int().nullable(),
  })
  .meta({ id: 'NotificationServiceDefault' });

export const outboxStatus = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled', 'not_sent']).meta({
  description:
    'not_sent: nothing left Carebook because the channel has no provider configured (SMS without ' +
    'CAREBOOK_SMS_PROVIDER); lastError says so',
});

export const outboxMessageSchema = z
  .object({
    id: z.uuid(),
    idempotencyKey: z.string(),
    event: z
      .enum([
        'confirmation',
        'change',
        'cancellation',
        'reminder',
        'leave_cancellation',
        'leave_restored',
        'extra_sessions_outcome',
      ])
      .meta({
        description:
          "A booking's message, a client's leave summary (no booking), or an extra-session outcome (no booking)",
      }),
    bookingId: z.uuid().nullable(),
    clientId: z.uuid(),
    recipient: z
      .enum(['client', 'contact', 'staff'])
      .meta({ description: 'staff: the associate told of an extra-session outcome' }),
    recipientName: z.string(),
    channel: z.enum(['email', 'sms']),
    address: z.string(),
    timeZone: z.string(),
    scheduledAt: instant.meta({ description: 'When it is (or was) due, UTC' }),
    status: outboxStatus,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sentAt: instant.nullable(),
    providerMessageId: z.string().nullable(),
    subject: z.string(),
    body: z.string(),
    ics: z.string().nullable().meta({ description: 'The iCalendar invitation sent with the e-mail' }),
    icsMethod: z.enum(['REQUEST', 'CANCEL']).nullable(),
    icsSequence: z.number().int().nullable(),
    createdAt: instant,
  })
  .meta({ id: 'OutboxMessage' });

export const outboxQuery = z.object({
  status: outboxStatus.optional(),
  bookingId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const caughtMailSchema = z
  .object({
    active: z
      .boolean()
      .meta({ description: 'Whether the embedded mail catcher is running (no SMTP_URL set)' }),
    messages: z.array(
      z.object({
        messageId: z.string().nullable(),
        from: z.string(),
        to: z.array(z.string()),
        subject: z.string(),
        text: z.string(),
        calendars: z.array(
          z.object({ contentType: z.string(), method: z.string().nullable(), content: z.string() }),
        ),
        receivedAt: instant,
      }),
    ),
  })
  .meta({ id: 'CaughtMail' });

export const noticesSchema = z
  .object({
    unread: z
      .number()
      .int()
      .meta({ description: 'How many of the person’s notices are unread (all, not only these)' }),
    items: z.array(
      z.object({
        id: z.uuid(),
        message: z.string(),
        bookingId: z.uuid().nullable(),
        createdAt: instant,
        readAt: instant.nullable(),
      }),
    ),
  })
  .meta({ id: 'Notices' });

export const readNoticesInput = z.object({
  ids: z
    .array(z.uuid())
    .max(200)
    .optional()
    .meta({ description: 'The notices to mark read; absent: all of the signed-in person’s notices' }),
});

export const notificationChoiceQuery = z.object({
  bookingId: z.uuid().optional().meta({ description: 'An existing booking (its own choice counts first)' }),
  clientId: z.uuid().optional().meta({ description: 'For a new booking: its client' }),
  serviceTypeId: z.uuid().optional().meta({ description: 'For a new booking: its service type, if any' }),
});

export const notificationChoiceSchema = z
  .object({
    notifyClient: z.boolean().meta({ description: 'What the "Notify the client" box starts as' }),
    source: z.enum(['booking', 'service_type', 'default']).meta({
      description:
        "Where that comes from: the booking's own earlier choice, its service type's default, or the rule's default (yes)",
    }),
    recipients: z
      .array(z.object({ name: z.string(), channel: z.enum(['email', 'sms']), address: z.string() }))
      .meta({ description: 'Who would be told; empty: nobody (no address, nobody opted in)' }),
  })
  .meta({ id: 'NotificationChoice' });
