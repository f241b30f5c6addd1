package dev.wabridge.transport;

import java.util.function.Function;

/**
 * Namespaced values shared by every session of one daemon: facts about WhatsApp users that do
 * not depend on which linked number learned them, such as the phone-LID map (namespace
 * {@code lid-mapping}). Whatsmeow keeps the same split (its LID store is a global store, not
 * a per-device one). Reached through {@link KeyStore#shared()}, so a session's transaction can
 * move its Signal sessions from a phone address to a LID and record the mapping in one commit.
 */
public interface SharedKeyStore extends KeyValueStore {

    /**
     * Runs {@code work} as one transaction over the shared namespaces, with the rules of
     * {@link KeyStore#transaction}: all or nothing, visible at once, nested calls join, and
     * {@code work} is short and never blocks. Called inside a session's transaction it joins
     * that one.
     */
    <T> T transaction(Function<SharedKeyStore, T> work);
}
