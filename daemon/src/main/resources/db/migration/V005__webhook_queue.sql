-- Webhook deliveries of incoming messages: written in the transaction that logs the message,
-- so a crash after the message is stored never loses its webhook; delivered_at or failed_at
-- set once it is done.
CREATE TABLE webhook_queue (
    id              INTEGER PRIMARY KEY,
    event           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    created_at      TEXT    NOT NULL,
    delivered_at    TEXT,
    failed_at       TEXT
);
CREATE INDEX webhook_queue_due ON webhook_queue(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
