package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The optouts table: one row per phone. */
public interface OptOutRepository {
    /** One page of the list, newest first, and how many there are in all. */
    record Page(List<OptOut> items, long total) {
    }

    Optional<OptOut> find(String phone);

    /** Inside a transaction (the acceptance of a send). */
    Optional<OptOut> find(Tx tx, String phone);

    /** Adds the phone unless it is listed; returns the stored row (the first reason and date stay). */
    OptOut addIfAbsent(String phone, String reason, String source, Instant now);

    boolean remove(String phone);

    Page page(int limit, int offset);
}
