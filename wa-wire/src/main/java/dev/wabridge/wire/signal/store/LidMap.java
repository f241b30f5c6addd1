package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.SharedKeyStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phone number ⇄ LID map (whatsmeow store.LIDStore, a global store): one per daemon,
 * shared by every linked number, because which LID a phone number has does not depend on who
 * learned it. Users only (no device part): {@code 34600000001} ⇄ {@code 1234567890}. Two
 * namespaces, one per direction, written together; a new LID for a phone replaces the old
 * pair in both directions.
 */
public final class LidMap {
    static final String BY_PHONE = "lid-by-phone";
    static final String BY_LID = "phone-by-lid";

    private final SharedKeyStore store;

    public LidMap(SharedKeyStore store) {
        this.store = store;
    }

    public void put(String phoneUser, String lidUser) {
        store.transaction(s -> {
            get(s, BY_PHONE, phoneUser).ifPresent(oldLid -> s.delete(BY_LID, oldLid));
            get(s, BY_LID, lidUser).ifPresent(oldPhone -> s.delete(BY_PHONE, oldPhone));
            s.put(BY_PHONE, phoneUser, bytes(lidUser));
            s.put(BY_LID, lidUser, bytes(phoneUser));
            return null;
        });
    }

    public Optional<String> lidFor(String phoneUser) {
        return get(store, BY_PHONE, phoneUser);
    }

    public Optional<String> phoneFor(String lidUser) {
        return get(store, BY_LID, lidUser);
    }

    /** The LIDs of those phone users that have one, in one read (usync results, group members). */
    public Map<String, String> lidsFor(Iterable<String> phoneUsers) {
        List<String> keys = new ArrayList<>();
        phoneUsers.forEach(keys::add);
        Map<String, String> out = new LinkedHashMap<>();
        store.getMany(BY_PHONE, keys).forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private static Optional<String> get(SharedKeyStore s, String ns, String key) {
        return s.get(ns, key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
