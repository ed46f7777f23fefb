-- How a delivered service was provided, for claiming (issue 15 §5 claim types). Written by ndis/ only: the
-- delivered record itself belongs to bookings/ and is never changed; this says that one of its service records
-- was non-face-to-face time (a phone or video call, writing a plan: claim type NF2F) or an NDIA-requested report
-- (REPW). No row: a face-to-face support (a blank claim type). The claim is refused unless the item's catalogue
-- flag allows that way of claiming.
CREATE TABLE ndis_record_claim_types (
  organisation_id uuid NOT NULL,
  delivered_service_id uuid NOT NULL,
  claim_type text NOT NULL CHECK (claim_type IN ('NF2F', 'REPW')),
  set_by_user_id uuid NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, delivered_service_id),
  FOREIGN KEY (organisation_id, delivered_service_id) REFERENCES delivered_services (organisation_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, set_by_user_id) REFERENCES users (organisation_id, id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON ndis_record_claim_types TO carebook_app;
ALTER TABLE ndis_record_claim_types ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ndis_record_claim_types USING (organisation_id = current_organisation_id())
  WITH CHECK (organisation_id = current_organisation_id());
