-- Invoicing stays (issue 14): invoice runs bill the services on client stays, one line per service and run of
-- nights. A night of a stay service is on at most one live (not void) invoice: runs claim each night here
-- (the primary key refuses a second claim, concurrently or not) and voiding the invoice releases its nights.

ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check
  CHECK (kind IN ('time', 'nonProRata', 'callOut', 'mileage', 'stay'));

CREATE TABLE invoiced_stay_nights (
  organisation_id uuid NOT NULL,
  stay_service_id uuid NOT NULL,
  -- The local date (in the site's zone) the night begins on.
  night date NOT NULL,
  invoice_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, stay_service_id, night),
  -- A service with billed nights cannot be deleted from its stay (void the invoice first).
  FOREIGN KEY (organisation_id, stay_service_id) REFERENCES stay_services (organisation_id, id),
  FOREIGN KEY (organisation_id, invoice_id) REFERENCES invoices (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX invoiced_stay_nights_invoice_idx ON invoiced_stay_nights (organisation_id, invoice_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON invoiced_stay_nights TO carebook_app;
ALTER TABLE invoiced_stay_nights ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoiced_stay_nights USING (organisation_id = current_organisation_id())
  WITH CHECK (organisation_id = current_organisation_id());
