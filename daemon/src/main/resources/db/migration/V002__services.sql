-- Linked WhatsApp numbers. Ids are never reused (AUTOINCREMENT) because message history keeps
-- the session id after a session is deleted.
CREATE TABLE sessions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    label               TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('qr_pending','connected','disconnected','logged_out')),
    status_reason       TEXT,
    auto_connect        INTEGER NOT NULL DEFAULT 1,
    phone               TEXT,
    push_name           TEXT,
    qr                  TEXT,
    qr_expires_at       TEXT,
    profile_name        TEXT,
    profile_about       TEXT,
    profile_description TEXT,
    profile_has_picture INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT    NOT NULL,
    last_seen_at        TEXT
);

-- Every secret of a session (KeyStore SPI), namespaced.
CREATE TABLE key_material (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    namespace  TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    value      BLOB    NOT NULL,
    PRIMARY KEY (session_id, namespace, key)
) WITHOUT ROWID;

-- Messages in both directions; an outgoing one is logged from the moment it is accepted.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('incoming','outgoing')),
    phone        TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    message_id   TEXT,
    status       TEXT    NOT NULL CHECK (status IN ('queued','sending','sent','delivered','read','failed','cancelled','received')),
    error        TEXT,
    outbox_id    INTEGER,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT,
    delivered_at TEXT,
    read_at      TEXT
);
CREATE INDEX messages_time ON messages(created_at);
CREATE INDEX messages_phone ON messages(phone, created_at);
CREATE UNIQUE INDEX messages_wa_id ON messages(session_id, direction, message_id) WHERE message_id IS NOT NULL;

-- Accepted sends, durable before the tool answers. message_id is chosen before the first
-- attempt so a resend after a crash is the same WhatsApp message.
CREATE TABLE outbox (
    id                 INTEGER PRIMARY KEY,
    session_id         INTEGER NOT NULL,
    phone              TEXT    NOT NULL,
    text               TEXT    NOT NULL,
    message_id         TEXT    NOT NULL UNIQUE,
    status             TEXT    NOT NULL CHECK (status IN ('queued','sending','sent','failed','cancelled')),
    campaign           INTEGER NOT NULL DEFAULT 0,
    credits_reserved   INTEGER NOT NULL,
    archive_after_send INTEGER NOT NULL DEFAULT 0,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    scheduled_id       INTEGER,
    created_at         TEXT    NOT NULL,
    sent_at            TEXT
);
CREATE INDEX outbox_pending ON outbox(session_id, id) WHERE status IN ('queued','sending');

CREATE TABLE scheduled_messages (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL,
    phone        TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    template     TEXT,
    campaign     INTEGER NOT NULL DEFAULT 0,
    scheduled_at TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending','sent','failed','cancelled')),
    outbox_id    INTEGER,
    error        TEXT,
    created_at   TEXT    NOT NULL
);
CREATE INDEX scheduled_due ON scheduled_messages(status, scheduled_at);

CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    category   TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE optouts (
    phone      TEXT PRIMARY KEY,
    reason     TEXT,
    source     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every change of the credit balance. amount changes the available credits: grant (+),
-- reserve (-, when a send is accepted), release (+, its final failure), charge (0: the
-- reservation became a spend on the server's ack).
CREATE TABLE credit_ledger (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('grant','reserve','release','charge')),
    amount     INTEGER NOT NULL,
    outbox_id  INTEGER,
    note       TEXT,
    created_at TEXT    NOT NULL
);

CREATE TABLE contacts (
    session_id INTEGER NOT NULL,
    phone      TEXT    NOT NULL,
    push_name  TEXT,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (session_id, phone)
);
