package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <iq xmlns="w" type="get"><props protocol="2" hash/></iq>}: the server's A/B props, which
 * clients fetch after login (Baileys chats.ts fetchProps; it keeps the answer's {@code hash} as
 * {@code lastPropHash} and reads each {@code <prop config_code config_value/>}). The sandbox
 * announces the props whose meaning the references document, with WhatsApp Web's defaults as
 * Baileys master's chats.ts states them; the hash is the sandbox's own (a digest of the list),
 * and a client that already holds it gets the list again, which a full answer always allows.
 */
final class ServerProps {
    /** config code → value; Baileys master chats.ts names them. */
    static final Map<String, String> PROPS = new TreeMap<>(Map.of(
            "10518", "true",   // tctoken on 1:1 messages
            "9666", "true",    // tctoken on profile-picture IQs
            "14303", "false")); // issue tctokens to LIDs instead of phone numbers
    static final String HASH = hash();

    private final SandboxConnection connection;

    ServerProps(SandboxConnection connection) {
        this.connection = connection;
    }

    void onGet(Node iq) {
        if (connection.requireLogin(iq)) {
            connection.write(answer(iq));
        }
    }

    /** The result IQ: {@code <props protocol="2" hash><prop config_code config_value/>…</props>}. */
    static Node answer(Node iq) {
        List<Node> props = new ArrayList<>();
        PROPS.forEach((code, value) -> props.add(Node.of("prop", Node.attrs("config_code", code, "config_value", value))));
        return Iq.serverResult(iq, List.of(Node.of("props", Node.attrs("protocol", "2", "hash", HASH), props)));
    }

    private static String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PROPS.toString().getBytes(StandardCharsets.UTF_8)),
                    0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
