-- Notifications (issue 11): who wants to hear about a client's bookings and how, the per-service-type and
-- per-booking choices, and the outbox — one row per (event, recipient, channel), written in the same
-- transaction as the booking change (a transactional outbox) and delivered after commit by a graphile-worker
-- job. graphile-worker's own schema (`graphile_worker`) is created by graphile-worker at start-up, not here.

-- A recipient of a client's messages on one channel: the client themself (addresses from `clients`) or a
-- contact (a family member, a guardian) with their own name and address. No row for the client means "use the
-- organisation's default": e-mail to the client's address when there is one.
CREATE TABLE notification_preferences (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  recipient text NOT NULL CHECK (recipient IN ('client', 'contact')),
  contact_name text CHECK (contact_name IS NULL OR length(trim(contact_name)) > 0),
  email text,
  phone text,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  -- A contact's own IANA zone (their messages are written in it); null: the client's zone.
  time_zone text,
  -- When the recipient agreed to messages on this channel (Spam Act consent); null: not opted in, nothing sent.
  opted_in_at timestamptz,
  -- Quiet hours, wall clock in the client's zone ('HH:MM'; may wrap midnight): nothing is delivered inside them.
  quiet_start text CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_end text CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id) ON DELETE CASCADE,
  CHECK ((recipient = 'contact') = (contact_name IS NOT NULL)),
  CHECK (recipient = 'client' OR (channel = 'email' AND email IS NOT NULL) OR (channel = 'sms' AND phone IS NOT NULL)),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
);
-- The client has one preference per channel.
CREATE UNIQUE INDEX notification_preferences_client_channel
  ON notification_preferences (organisation_id, client_id, channel) WHERE recipient = 'client';
CREATE INDEX notification_preferences_client_idx ON notification_preferences (organisation_id, client_id);

-- Defaults per service type: whether its bookings notify the client, and how long before a booking the reminder
-- goes out (null: the server's configured default, 24 hours unless CAREBOOK_REMINDER_HOURS says otherwise).
CREATE TABLE notification_service_defaults (
  organisation_id uuid NOT NULL,
  service_type_id uuid NOT NULL,
  notify_client boolean NOT NULL,
  reminder_minutes integer CHECK (reminder_minutes IS NULL OR reminder_minutes BETWEEN 0 AND 20160),
  PRIMARY KEY (organisation_id, service_type_id),
  FOREIGN KEY (organisation_id, service_type_id) REFERENCES service_types (organisation_id, id) ON DELETE CASCADE
);

-- The per-booking "notify the client" choice, when the booking form made one (else the service type's default,
-- else yes).
CREATE TABLE booking_notification_choices (
  organisation_id uuid NOT NULL,
  booking_id uuid NOT NULL,
  notify_client boolean NOT NULL,
  PRIMARY KEY (organisation_id, booking_id),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE notification_outbox (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The same event for the same recipient and channel is written once, however often it is enqueued.
  idempotency_key text NOT NULL,
  event text NOT NULL CHECK (event IN ('confirmation', 'change', 'cancellation', 'reminder')),
  -- Kept when the booking is deleted (history); a pending message of a deleted booking is cancelled.
  booking_id uuid,
  client_id uuid NOT NULL,
  preference_id uuid,
  recipient text NOT NULL CHECK (recipient IN ('client', 'contact')),
  recipient_name text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  address text NOT NULL,
  -- The recipient's zone: the message's times are written in it, and scheduled_at was computed from it.
  time_zone text NOT NULL,
  scheduled_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- A delivery in progress owns the row until then; after a crash the next dispatch retries it.
  locked_until timestamptz,
  last_error text,
  sent_at timestamptz,
  provider_message_id text,
  subject text NOT NULL,
  body_text text NOT NULL,
  -- The iCalendar invitation (e-mail only): METHOD:REQUEST for new and changed, METHOD:CANCEL for cancelled,
  -- with the booking feed's UID and this SEQUENCE, which grows with every invitation sent for the booking.
  ics text,
  ics_method text CHECK (ics_method IN ('REQUEST', 'CANCEL')),
  ics_sequence integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, idempotency_key),
  FOREIGN KEY (organisation_id, booking_id) REFERENCES bookings (organisation_id, id) ON DELETE SET NULL (booking_id),
  FOREIGN KEY (organisation_id, client_id) REFERENCES clients (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, preference_id) REFERENCES notification_preferences (organisation_id, id)
    ON DELETE SET NULL (preference_id),
  CHECK ((ics IS NULL) = (ics_method IS NULL) AND (ics IS NULL) = (ics_sequence IS NULL)),
  CHECK (ics IS NULL OR channel = 'email'),
  CHECK (status <> 'sent' OR sent_at IS NOT NULL)
);
-- The dispatcher's scan (across organisations): due messages, oldest first.
CREATE INDEX notification_outbox_due_idx ON notification_outbox (scheduled_at) WHERE status IN ('pending', 'sending');
CREATE INDEX notification_outbox_booking_idx ON notification_outbox (organisation_id, booking_id);
CREATE INDEX notification_outbox_list_idx ON notification_outbox (organisation_id, created_at DESC, id DESC);

-- A message about a change is delivered right after the transaction that wrote it commits: the trigger queues a
-- dispatch job in that same transaction (graphile-worker's add_job, which NOTIFYs the workers), so a rolled-back
-- booking queues nothing. Reminders (due later, and written in bulk by series generation) are picked up by the
-- dispatch job graphile-worker's cron runs every minute. No job key: concurrent bookings must not wait for each
-- other on one job row.
CREATE FUNCTION notification_outbox_wake() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job('notifications:dispatch', max_attempts := 3);
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION notification_outbox_wake() FROM PUBLIC;
CREATE TRIGGER notification_outbox_wake AFTER INSERT OR UPDATE OF status, scheduled_at ON notification_outbox
  FOR EACH ROW WHEN (NEW.status = 'pending' AND NEW.event <> 'reminder')
  EXECUTE FUNCTION notification_outbox_wake();

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences, notification_service_defaults,
  booking_notification_choices, notification_outbox TO carebook_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notification_preferences', 'notification_service_defaults',
                           'booking_notification_choices', 'notification_outbox'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (organisation_id = current_organisation_id()) '
      'WITH CHECK (organisation_id = current_organisation_id())', t);
  END LOOP;
END
$$;
