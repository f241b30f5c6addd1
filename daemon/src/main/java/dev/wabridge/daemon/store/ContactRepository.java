package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The contacts table: who each session heard from, and their push name. Its own repository
 * because more sources will write it (LID mapping, app-state contact names), not only the
 * message log.
 */
public interface ContactRepository {
    /** Records a contact seen at {@code at}; a null push name keeps the one already known. */
    void recordSeen(Tx tx, long sessionId, String phone, String pushName, Instant at);

    Optional<Contact> find(long sessionId, String phone);
}
