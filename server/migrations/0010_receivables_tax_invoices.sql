-- Receivables and tax invoices: the organisation's billing settings (who issues the invoice and how to pay it),
-- payment terms (per organisation, overridable per client contract), who pays a contract type (a local
-- authority's name and address) and whether its services are tax-free, and on each invoice the issue date,
-- due date, tax and the supplier and recipient exactly as they stood when it was issued.

CREATE TABLE organisation_billing_settings (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  legal_name text NOT NULL CHECK (length(btrim(legal_name)) BETWEEN 1 AND 200),
  -- AUD: Australian Business Number, GST. GBP: UK company number, VAT.
  currency text NOT NULL CHECK (currency IN ('AUD', 'GBP')),
  business_number text CHECK (business_number IS NULL OR business_number ~ '^[0-9A-Z]{8,11}$'),
  tax_registered boolean NOT NULL DEFAULT false,
  address text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 500),
  email text,
  phone text,
  payment_terms_days integer NOT NULL DEFAULT 14 CHECK (payment_terms_days BETWEEN 0 AND 365),
  bank_account_name text,
  -- BSB (AUD) or sort code (GBP), digits only.
  bank_branch_code text CHECK (bank_branch_code IS NULL OR bank_branch_code ~ '^[0-9]{6}$'),
  bank_account_number text CHECK (bank_account_number IS NULL OR bank_account_number ~ '^[0-9]{4,12}$'),
  logo bytea CHECK (logo IS NULL OR octet_length(logo) <= 262144),
  logo_type text CHECK (logo_type IS NULL OR logo_type IN ('image/png', 'image/jpeg')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id),
  CHECK ((logo IS NULL) = (logo_type IS NULL)),
  CHECK (NOT tax_registered OR business_number IS NOT NULL)
);

-- Who pays for services under this contract type when it is not the client (a local authority), and why its
-- services carry no GST/VAT (e.g. NDIS supports); null reason: taxed at the standard rate when registered.
ALTER TABLE contract_types
  ADD COLUMN payer_name text CHECK (payer_name IS NULL OR length(btrim(payer_name)) BETWEEN 1 AND 200),
  ADD COLUMN payer_address text CHECK (payer_address IS NULL OR length(btrim(payer_address)) BETWEEN 1 AND 500),
  ADD COLUMN tax_free_reason text
    CHECK (tax_free_reason IS NULL OR length(btrim(tax_free_reason)) BETWEEN 1 AND 200);

-- Payment terms for this client contract instead of the organisation's.
ALTER TABLE client_contracts
  ADD COLUMN payment_terms_days integer CHECK (payment_terms_days BETWEEN 0 AND 365);

ALTER TABLE invoices
  -- The client contract the invoice's first visit was charged on: its terms, payer and category apply.
  ADD COLUMN client_contract_id uuid,
  ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0,
  -- Local dates in the organisation's zone, fixed when issued.
  ADD COLUMN issue_date date,
  ADD COLUMN due_date date,
  ADD COLUMN payment_terms_days integer CHECK (payment_terms_days BETWEEN 0 AND 365),
  -- Supplier, recipient and currency as they stood when issued (a later change of settings leaves it alone).
  ADD COLUMN issued_details jsonb,
  ADD FOREIGN KEY (organisation_id, client_contract_id) REFERENCES client_contracts (organisation_id, id),
  ADD CONSTRAINT invoices_due_after_issue CHECK (due_date >= issue_date);

ALTER TABLE invoice_lines
  -- 'taxable' (GST 10% / VAT 20%), 'free' (GST-free or VAT-exempt, with the reason), 'none' (not registered).
  ADD COLUMN tax_code text NOT NULL DEFAULT 'none' CHECK (tax_code IN ('taxable', 'free', 'none')),
  ADD COLUMN tax_reason text,
  ADD COLUMN tax_minor bigint NOT NULL DEFAULT 0,
  -- The visit's name when invoiced (the service a client reads on the invoice).
  ADD COLUMN service_name text;

-- Invoices issued before this migration: issued on their organisation's local date, due 14 days later.
ALTER TABLE invoices DISABLE TRIGGER invoices_immutable;
UPDATE invoices i
   SET issue_date = (i.issued_at AT TIME ZONE o.time_zone)::date,
       due_date = (i.issued_at AT TIME ZONE o.time_zone)::date + 14,
       payment_terms_days = 14
  FROM organisations o
 WHERE o.id = i.organisation_id AND i.issued_at IS NOT NULL;
ALTER TABLE invoices ENABLE TRIGGER invoices_immutable;
ALTER TABLE invoices
  ADD CONSTRAINT invoices_issued_dates CHECK ((issued_at IS NULL) = (issue_date IS NULL AND due_date IS NULL));

CREATE INDEX invoices_receivable_idx ON invoices (organisation_id, due_date)
  WHERE status = 'issued' AND kind = 'invoice';

GRANT SELECT, INSERT, UPDATE, DELETE ON organisation_billing_settings TO carebook_app;
ALTER TABLE organisation_billing_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organisation_billing_settings
  USING (organisation_id = current_organisation_id())
  WITH CHECK (organisation_id = current_organisation_id());
