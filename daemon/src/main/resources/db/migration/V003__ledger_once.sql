-- An accepted send ends once: either charged (server ack) or released (final failure or
-- cancellation), never both, never twice. The store refuses a second final ledger row.
CREATE UNIQUE INDEX credit_ledger_final_once ON credit_ledger(outbox_id) WHERE kind IN ('charge','release');
