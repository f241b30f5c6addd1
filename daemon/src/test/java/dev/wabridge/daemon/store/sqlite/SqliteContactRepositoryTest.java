package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Contact;
import dev.wabridge.daemon.store.ContactRepository;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A contact is one row per session and phone; a missing push name never erases a known one. */
class SqliteContactRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String PHONE = "+34600000001";

    @TempDir
    Path dir;

    @Test
    void recordsAndUpdatesAContactPerSession() {
        try (Store store = SqliteStore.open(dir.resolve("c.db"))) {
            ContactRepository contacts = store.contacts();
            assertTrue(contacts.find(1, PHONE).isEmpty());

            store.database().inTransaction(tx -> {
                contacts.recordSeen(tx, 1, PHONE, "Ana", T0);
                return null;
            });
            assertEquals(new Contact(1, PHONE, "Ana", Times.sql(T0)), contacts.find(1, PHONE).orElseThrow());

            store.database().inTransaction(tx -> {
                contacts.recordSeen(tx, 1, PHONE, null, T0.plusSeconds(60));
                return null;
            });
            assertEquals(new Contact(1, PHONE, "Ana", Times.sql(T0.plusSeconds(60))), contacts.find(1, PHONE).orElseThrow(),
                    "no push name: the known one stays, the time moves");

            store.database().inTransaction(tx -> {
                contacts.recordSeen(tx, 1, PHONE, "Ana García", T0.plusSeconds(120));
                contacts.recordSeen(tx, 2, PHONE, null, T0.plusSeconds(120));
                return null;
            });
            assertEquals("Ana García", contacts.find(1, PHONE).orElseThrow().pushName());
            assertEquals(new Contact(2, PHONE, null, Times.sql(T0.plusSeconds(120))), contacts.find(2, PHONE).orElseThrow(),
                    "each session has its own contacts");
        }
    }

    @Test
    void aContactWrittenInAFailedTransactionIsNotKept() {
        try (Store store = SqliteStore.open(dir.resolve("c.db"))) {
            try {
                store.database().inTransaction(tx -> {
                    store.contacts().recordSeen(tx, 1, PHONE, "Ana", T0);
                    throw new IllegalStateException("the message insert failed");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            assertTrue(store.contacts().find(1, PHONE).isEmpty());
        }
    }
}
