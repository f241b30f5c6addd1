-- What WhatsApp told a linked number about its sending (docs/decisions.md, "Send limits"):
-- a rate limit (429) pauses every send of the session until send_paused_until, doubling with
-- each consecutive one (send_pause_strikes); a restriction (463) is remembered with its time so
-- status and health show it. Kept across restarts, so a restart does not hammer WhatsApp again.
ALTER TABLE sessions ADD COLUMN send_paused_until TEXT;
ALTER TABLE sessions ADD COLUMN send_pause_strikes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN send_restriction TEXT;
ALTER TABLE sessions ADD COLUMN send_restricted_at TEXT;
