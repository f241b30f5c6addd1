package dev.wabridge.daemon.credits;

import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.store.CreditLedger;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.Tx;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The credit rules over the ledger. Every change is a row: grant (+), reserve (- when a send
 * is accepted), release (+ when it finally fails), charge (0, the reservation became a spend
 * on the ack). The available amount is the sum; what queued messages hold is their outbox
 * reservation. Reserving refuses when the credits are short; the methods taking a {@link Tx}
 * run inside the caller's transaction (the acceptance of a send, the end of one).
 */
public final class CreditService {
    private final Database db;
    private final CreditLedger ledger;
    private final OutboxRepository outbox;
    private final CreditCosts costs;

    public record CreditCosts(int message, int campaignMessage, long startingBalance) {
    }

    public record Summary(long balance, long reserved, long available, long spentToday) {
    }

    public CreditService(Database db, CreditLedger ledger, OutboxRepository outbox, CreditCosts costs) {
        this.db = db;
        this.ledger = ledger;
        this.outbox = outbox;
        this.costs = costs;
    }

    public CreditCosts costs() {
        return costs;
    }

    public int costOf(boolean campaign) {
        return campaign ? costs.campaignMessage() : costs.message();
    }

    /** Grants the configured starting balance once, on a new database. */
    public void grantStartingBalance(Instant now) {
        db.inTransaction(tx -> {
            if (ledger.isEmpty(tx) && costs.startingBalance() > 0) {
                ledger.grant(tx, costs.startingBalance(), "starting balance", now);
            }
            return null;
        });
    }

    /** Adds credits; returns the amount now available. */
    public long grant(long amount, String note, Instant now) {
        if (amount <= 0) {
            throw new UserError("credits to add must be a positive whole number");
        }
        return db.inTransaction(tx -> {
            ledger.grant(tx, amount, note, now);
            return ledger.available(tx);
        });
    }

    /** Within the caller's transaction: holds {@code amount} for an outbox row or refuses. */
    public void reserve(Tx tx, long outboxId, int amount, Instant now) {
        long available = ledger.available(tx);
        if (available < amount) {
            throw new UserError("Not enough credits: this message costs " + amount + ", " + available
                    + " are available. Add credits with: ./wabridge credits add N");
        }
        ledger.reserve(tx, outboxId, amount, now);
    }

    /** Within the caller's transaction: the send was acknowledged, its reservation is spent. */
    public void charge(Tx tx, long outboxId, Instant now) {
        ledger.charge(tx, outboxId, now);
    }

    /** Within the caller's transaction: the send ended without an ack, its reservation comes back. */
    public void release(Tx tx, long outboxId, int amount, String why, Instant now) {
        if (amount > 0) {
            ledger.release(tx, outboxId, amount, why, now);
        }
    }

    /** Balances as of {@code now}; "today" starts at midnight in {@code zone}. */
    public Summary summary(Instant now, ZoneId zone) {
        Instant startOfDay = ZonedDateTime.ofInstant(now, zone).toLocalDate().atStartOfDay(zone).toInstant();
        return db.inTransaction(tx -> {
            long available = ledger.available(tx);
            long reserved = outbox.reservedCredits(tx);
            long spent = outbox.creditsSpentSince(tx, startOfDay);
            return new Summary(available + reserved, reserved, available, spent);
        });
    }
}
