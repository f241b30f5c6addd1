package dev.wabridge.transport.web.privacy;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.signal.store.LidMap;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The privacy tokens of one linked number by contact (whatsmeow store.PrivacyTokenStore,
 * table whatsmeow_privacy_tokens), in the key store's namespace {@code privacy-token}: the
 * token the contact gave us and its timestamp, and when we last issued ours to the contact
 * (whatsmeow's sender_timestamp). Kept under the contact's LID when the shared phone⇄LID map
 * knows it, else under the phone JID; a read also looks under the other form, as whatsmeow's
 * GetPrivacyToken does, and a write moves the entry to the LID. Value: token time (8 bytes,
 * Unix seconds, 0 = none) ‖ issue time (8 bytes, likewise) ‖ the token's bytes (may be none).
 */
final class PrivacyTokenStore {
    static final String NAMESPACE = "privacy-token";

    /** What is known about one contact; {@code token} is empty when we hold none. */
    record Entry(byte[] token, Instant tokenTime, Instant issuedTime) {
        static final Entry NONE = new Entry(new byte[0], Instant.EPOCH, Instant.EPOCH);

        Entry {
            token = token.clone();
        }

        @Override
        public byte[] token() {
            return token.clone();
        }

        boolean hasToken() {
            return token.length > 0;
        }

        Entry withToken(byte[] newToken, Instant time) {
            return new Entry(newToken, time, issuedTime);
        }

        Entry withIssued(Instant time) {
            return new Entry(token, tokenTime, time);
        }

        Entry withoutToken() {
            return new Entry(new byte[0], Instant.EPOCH, issuedTime);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(token, e.token) && tokenTime.equals(e.tokenTime) && issuedTime.equals(e.issuedTime);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(token) + tokenTime.hashCode() + 7 * issuedTime.hashCode();
        }

        @Override
        public String toString() {
            return "Entry[token " + token.length + " bytes at " + tokenTime + ", issued " + issuedTime + "]";
        }
    }

    private final KeyStore keys;

    PrivacyTokenStore(KeyStore keys) {
        this.keys = keys;
    }

    /** The JID {@code contact}'s entry is kept under (its LID when known). */
    Jid storageJid(Jid contact) {
        return TokenContacts.storage(lids(), contact);
    }

    /** What is known about {@code contact}, under its LID and its phone number together. */
    Optional<Entry> find(Jid contact) {
        Jid storage = storageJid(contact);
        Optional<Entry> here = read(storage);
        Optional<Entry> there = TokenContacts.other(lids(), storage).flatMap(this::read);
        if (here.isEmpty() || there.isEmpty()) {
            return here.isPresent() ? here : there;
        }
        Entry a = here.get();
        Entry b = there.get();
        Entry newer = !b.hasToken() || (a.hasToken() && !a.tokenTime().isBefore(b.tokenTime())) ? a : b;
        Instant issued = a.issuedTime().isAfter(b.issuedTime()) ? a.issuedTime() : b.issuedTime();
        return Optional.of(newer.withIssued(issued));
    }

    /** Keeps {@code entry} as what is known about {@code contact}, under its storage JID only. */
    void put(Jid contact, Entry entry) {
        Jid storage = storageJid(contact);
        keys.transaction(tx -> {
            tx.put(NAMESPACE, storage.toString(), encode(entry));
            TokenContacts.other(new LidMap(tx.shared()), storage).ifPresent(o -> tx.delete(NAMESPACE, o.toString()));
            return null;
        });
    }

    /**
     * Forgets what is older than {@code cutoff}: an expired token is dropped, and the whole
     * entry once our last issue is expired too (whatsmeow DeleteExpiredPrivacyTokens drops the
     * row by the token's time; the issue time is kept here while it still spares a re-issue).
     * Returns how many entries changed.
     */
    int prune(Instant cutoff) {
        return keys.transaction(tx -> {
            int changed = 0;
            for (String key : tx.keys(NAMESPACE)) {
                Optional<Entry> stored = tx.get(NAMESPACE, key).map(PrivacyTokenStore::decode);
                if (stored.isEmpty()) {
                    continue;
                }
                Entry e = stored.get();
                boolean tokenGone = !e.hasToken() || e.tokenTime().isBefore(cutoff);
                if (tokenGone && e.issuedTime().isBefore(cutoff)) {
                    tx.delete(NAMESPACE, key);
                    changed++;
                } else if (tokenGone && e.hasToken()) {
                    tx.put(NAMESPACE, key, encode(e.withoutToken()));
                    changed++;
                }
            }
            return changed;
        });
    }

    private Optional<Entry> read(Jid storage) {
        return keys.get(NAMESPACE, storage.toString()).map(PrivacyTokenStore::decode);
    }

    private LidMap lids() {
        return new LidMap(keys.shared());
    }

    static byte[] encode(Entry e) {
        return ByteBuffer.allocate(16 + e.token().length).putLong(e.tokenTime().getEpochSecond())
                .putLong(e.issuedTime().getEpochSecond()).put(e.token()).array();
    }

    /** A value too short to hold both times (not written by this class) reads as nothing known. */
    static Entry decode(byte[] value) {
        if (value.length < 16) {
            return Entry.NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        Instant tokenTime = Instant.ofEpochSecond(b.getLong());
        Instant issuedTime = Instant.ofEpochSecond(b.getLong());
        byte[] token = new byte[b.remaining()];
        b.get(token);
        return new Entry(token, tokenTime, issuedTime);
    }
}
