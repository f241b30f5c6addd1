package dev.wabridge.daemon.store;

import java.time.Instant;

/**
 * The credit_ledger table: every change of the balance is a row, and the available amount
 * is their sum. A send has at most one final row (charge or release); the store refuses a
 * second one with a {@link StoreException}.
 */
public interface CreditLedger {
    /** The sum of all rows. */
    long available(Tx tx);

    boolean isEmpty(Tx tx);

    /** Adds credits. */
    void grant(Tx tx, long amount, String note, Instant now);

    /** Holds {@code amount} for an accepted send (a negative row). */
    void reserve(Tx tx, long outboxId, int amount, Instant now);

    /** The send was acknowledged: its reservation became a spend (a zero row). */
    void charge(Tx tx, long outboxId, Instant now);

    /** The send ended without an ack: its reservation comes back. */
    void release(Tx tx, long outboxId, int amount, String why, Instant now);
}
