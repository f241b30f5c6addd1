package dev.wabridge.sandbox;

import dev.wabridge.wire.appstate.AppStateException;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.ChatActions;
import dev.wabridge.wire.appstate.LtHash;
import dev.wabridge.wire.appstate.Mutation;
import dev.wabridge.wire.appstate.MutationKeys;
import dev.wabridge.wire.appstate.PatchDecoder;
import dev.wabridge.wire.appstate.PatchEncoder;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Hkdf;
import dev.wabridge.wire.crypto.KeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A phone's side of app-state sync: it owns the account's app-state key (shared with each
 * linked device, whatsmeow message.go handleAppStateSyncKeyShare), follows every collection the
 * server announces with {@code server_sync} by fetching the new patches and decoding them with
 * the same wa-wire code a client runs (every MAC checked), and keeps what they say about each
 * chat: archived or not (whatsmeow appstate.go dispatchAppState IndexArchive). It can also
 * archive a chat itself, as the owner does on the phone. The key is derived from the account's
 * identity key, so it survives a sandbox restart as the linked devices' copy does. Runs on the
 * phone thread; {@link #chats} may be read from any thread.
 */
final class PhoneAppState {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneAppState.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Labels of the sandbox's own key derivation (not WhatsApp's: a real phone draws a random key). */
    private static final byte[] KEY_INFO = "wabridge sandbox app-state key".getBytes(StandardCharsets.US_ASCII);

    private final AppStateCollections collections;
    private final Jid phone;
    private final Clock clock;
    private final byte[] keyId;
    private final byte[] keyData;
    private final Map<String, AppStateVersionStore.Version> states = new HashMap<>();
    private final Map<String, Map<String, byte[]>> macs = new HashMap<>();
    private final Map<String, Boolean> archived = new TreeMap<>();

    PhoneAppState(AppStateCollections collections, Jid phone, KeyPair identity, Clock clock) {
        this.collections = collections;
        this.phone = phone;
        this.clock = clock;
        byte[] derived = Hkdf.sha256(identity.privateKey(), null, KEY_INFO, 6 + 32);
        this.keyId = Arrays.copyOf(derived, 6);
        this.keyData = Arrays.copyOfRange(derived, 6, derived.length);
    }

    byte[] keyId() {
        return keyId.clone();
    }

    byte[] keyData() {
        return keyData.clone();
    }

    /** {@code <notification type="server_sync">}: fetch each named collection's new patches. */
    void onServerSync(Node notification) {
        for (Node c : notification.children("collection")) {
            if (c.attr("name") != null) {
                pull(c.attr("name"));
            }
        }
    }

    /** The owner archives (or unarchives) a chat on the phone. */
    void archive(Jid chat, boolean archive) {
        for (int attempt = 0; attempt < 2; attempt++) {
            pull(ChatActions.REGULAR_LOW);
            List<Mutation> mutations = ChatActions.archive(chat.toString(), archive, clock.instant());
            try {
                PatchEncoder.Encoded e = PatchEncoder.encode(ChatActions.REGULAR_LOW, state(ChatActions.REGULAR_LOW), mutations, keyId,
                        MutationKeys.expand(keyData), this::storedMac, PhoneAppState::iv);
                if (collections.append(phone, ChatActions.REGULAR_LOW, state(ChatActions.REGULAR_LOW).version(), e.patch()).isPresent()) {
                    pull(ChatActions.REGULAR_LOW);
                    return;
                }
            } catch (AppStateException e) {
                throw new IllegalStateException("the sandbox phone cannot encode its own patch: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("the server refused the phone's patch twice (conflict)");
    }

    /** Each chat the phone has an archive state for: chat JID → archived. */
    synchronized Map<String, Boolean> chats() {
        return new LinkedHashMap<>(archived);
    }

    private void pull(String name) {
        while (true) {
            AppStateCollections.Page page = collections.after(phone, name, state(name).version());
            if (page.patches().isEmpty()) {
                return;
            }
            Map<String, byte[]> stored = macs.computeIfAbsent(name, n -> new HashMap<>());
            try {
                PatchDecoder decoder = new PatchDecoder(name, id -> Arrays.equals(id, keyId) ? Optional.of(keyData) : Optional.empty(),
                        index -> Optional.ofNullable(stored.get(HexFormat.of().formatHex(index))));
                apply(name, decoder.decode(state(name), Optional.empty(), page.patches()));
            } catch (AppStateException e) {
                LOG.warn("sandbox phone {}: cannot apply {} after v{}: {}", phone.user(), name, state(name).version(), e.getMessage());
                return;
            }
            if (!page.hasMore()) {
                return;
            }
        }
    }

    private synchronized void apply(String name, PatchDecoder.Result r) {
        states.put(name, r.state());
        Map<String, byte[]> stored = macs.computeIfAbsent(name, n -> new HashMap<>());
        r.valueMacs().forEach((index, mac) -> {
            if (mac == null) {
                stored.remove(index);
            } else {
                stored.put(index, mac);
            }
        });
        r.mutations().stream().flatMap(m -> ChatActions.archived(m).stream()).forEach(a -> archived.put(a.chatJid(), a.archived()));
    }

    private AppStateVersionStore.Version state(String name) {
        return states.getOrDefault(name, new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]));
    }

    private Optional<byte[]> storedMac(byte[] index) {
        return Optional.ofNullable(macs.getOrDefault(ChatActions.REGULAR_LOW, Map.of()).get(HexFormat.of().formatHex(index)));
    }

    private static byte[] iv() {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        return iv;
    }
}
