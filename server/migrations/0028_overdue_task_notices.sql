-- The bell tells a staff member once when a task (a plan's service) assigned to them falls overdue: a notice
-- may name the service and the due date it is about, and the database keeps it to one per service, person and
-- due date (moving the due date and missing it again is news; the job running twice is not).
ALTER TABLE notices
  ADD COLUMN service_id uuid,
  ADD COLUMN service_due_date date,
  ADD CONSTRAINT notices_service_fk FOREIGN KEY (organisation_id, service_id)
    REFERENCES services (organisation_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT notices_service_due_together CHECK ((service_id IS NULL) = (service_due_date IS NULL));
CREATE UNIQUE INDEX notices_overdue_once ON notices (organisation_id, staff_id, service_id, service_due_date)
  WHERE service_id IS NOT NULL;
