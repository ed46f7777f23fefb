-- Stays priced by the contract (issue 14): a stay's service names one of the contract's accommodation rates
-- (the `accommodationRates` option), priced per night by the option set in force on that night. `rate_minor`
-- becomes an explicit override of that price (or, without a contract rate, the service's only price).

ALTER TABLE stay_services ADD COLUMN contract_rate text CHECK (length(trim(contract_rate)) BETWEEN 1 AND 200);
ALTER TABLE stay_services ADD CONSTRAINT stay_services_priced
  CHECK (contract_rate IS NOT NULL OR rate_minor IS NOT NULL);
