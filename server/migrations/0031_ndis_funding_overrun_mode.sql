-- NDIS (issue 15 §2): what a booking that takes a funding period's committed amount over its allocation does,
-- per organisation: a soft conflict the coordinator overrides with a reason, or a refusal.
ALTER TABLE ndis_claim_settings
  ADD COLUMN funding_overrun_mode text NOT NULL DEFAULT 'override'
    CHECK (funding_overrun_mode IN ('override', 'refuse'));
