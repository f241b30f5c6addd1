package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.CreditLedger;
import dev.wabridge.daemon.store.Tx;

import java.time.Instant;

/**
 * {@link CreditLedger} on SQLite: one INSERT per change, kinds as the schema names them. It
 * holds no database: every method joins the caller's transaction, since a ledger row always
 * goes with the change of a send.
 */
final class SqliteCreditLedger implements CreditLedger {
    @Override
    public long available(Tx tx) {
        return Sql.number(SqliteTx.connection(tx), "SELECT coalesce(sum(amount),0) FROM credit_ledger");
    }

    @Override
    public boolean isEmpty(Tx tx) {
        return Sql.number(SqliteTx.connection(tx), "SELECT count(*) FROM credit_ledger") == 0;
    }

    @Override
    public void grant(Tx tx, long amount, String note, Instant now) {
        insert(tx, "grant", amount, null, note, now);
    }

    @Override
    public void reserve(Tx tx, long outboxId, int amount, Instant now) {
        insert(tx, "reserve", -amount, outboxId, null, now);
    }

    @Override
    public void charge(Tx tx, long outboxId, Instant now) {
        insert(tx, "charge", 0, outboxId, null, now);
    }

    @Override
    public void release(Tx tx, long outboxId, int amount, String why, Instant now) {
        insert(tx, "release", amount, outboxId, why, now);
    }

    private static void insert(Tx tx, String kind, long amount, Long outboxId, String note, Instant now) {
        Sql.update(SqliteTx.connection(tx), "INSERT INTO credit_ledger(kind, amount, outbox_id, note, created_at) VALUES (?,?,?,?,?)",
                kind, amount, outboxId, note, now);
    }
}
