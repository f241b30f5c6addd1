package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.pairing.LinkCodes;
import dev.wabridge.wire.routing.Iq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The server and phone side of linking by phone number for one connection (whatsmeow
 * pair-code.go is the companion's side): {@code companion_hello} is answered with a pairing
 * ref and waits for the phone; when its owner enters the code
 * ({@code POST /sandbox/phones/{phone}/link-code}), the phone unwraps the companion's
 * ephemeral key with it and sends its own, wrapped, with its identity key, in a
 * {@code link_code_companion_reg} notification; {@code companion_finish} brings the
 * companion's key bundle, from which the phone derives the same ADV secret and links the
 * device as after a QR scan. A wrong code yields another key, so the bundle does not open and
 * nothing is linked. Runs on the connection's event loop.
 */
final class ServerLinkCode {
    private static final Logger log = LoggerFactory.getLogger(ServerLinkCode.class);

    private final SandboxServer server;
    private final SandboxConnection connection;
    private String phone;
    private byte[] wrappedCompanionEphemeral;
    private byte[] ref;
    private byte[] companionEphemeral;
    private KeyPair primaryEphemeral;

    ServerLinkCode(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    void onCompanionReg(Node iq) {
        Node reg = iq.child("link_code_companion_reg").orElseThrow();
        switch (String.valueOf(reg.attr("stage"))) {
            case "companion_hello" -> hello(iq, reg);
            case "companion_finish" -> finish(iq, reg);
            default -> connection.write(Iq.serverError(iq, 400, "bad-request"));
        }
    }

    private void hello(Node iq, Node reg) {
        Jid jid = reg.jid("jid").orElse(null);
        byte[] wrapped = reg.child("link_code_pairing_wrapped_companion_ephemeral_pub").map(Node::bytes).orElse(null);
        if (jid == null || wrapped == null || wrapped.length != 80 || connection.identityKey() == null) {
            connection.write(Iq.serverError(iq, 400, "bad-request"));
            return;
        }
        phone = "+" + jid.user();
        wrappedCompanionEphemeral = wrapped;
        ref = ("2@" + HexFormat.of().formatHex(server.random(16))).getBytes(StandardCharsets.US_ASCII);
        server.pendingLinkCodes.put(jid.user(), this);
        connection.write(Iq.serverResult(iq, List.of(Node.of("link_code_companion_reg", Map.of(),
                List.of(Node.of("link_code_pairing_ref", Map.of(), ref))))));
    }

    /** The phone's owner typed {@code code} (from any thread). */
    void enter(String code) {
        connection.execute(() -> codeEntered(code));
    }

    /** The phone answers with its wrapped ephemeral key. */
    private void codeEntered(String code) {
        Account account = server.account(phone);
        companionEphemeral = LinkCodes.unwrap(code, wrappedCompanionEphemeral);
        primaryEphemeral = Curve25519.generate();
        connection.write(Node.of("notification", Node.attrs("from", Jid.SERVER, "id", server.nextId(), "type", "link_code_companion_reg",
                "t", Long.toString(server.clock().instant().getEpochSecond())), List.of(
                Node.of("link_code_companion_reg", Node.attrs("stage", "primary_hello"), List.of(
                        Node.of("link_code_pairing_ref", Map.of(), ref),
                        Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", Map.of(), LinkCodes.wrap(code, primaryEphemeral.publicKey())),
                        Node.of("primary_identity_pub", Map.of(), account.identity().publicKey()))))));
    }

    private void finish(Node iq, Node reg) {
        byte[] bundle = reg.child("link_code_pairing_wrapped_key_bundle").map(Node::bytes).orElse(null);
        if (primaryEphemeral == null || bundle == null || !Arrays.equals(ref, reg.child("link_code_pairing_ref").map(Node::bytes).orElse(null))) {
            connection.write(Iq.serverError(iq, 400, "bad-request"));
            return;
        }
        Account account = server.account(phone);
        byte[] ephemeralShared = Curve25519.sharedSecret(primaryEphemeral.privateKey(), companionEphemeral);
        byte[] plain;
        try {
            plain = LinkCodes.unwrapKeyBundle(ephemeralShared, bundle);
        } catch (CryptoException wrongCode) {
            log.info("sandbox: the key bundle does not open (a wrong code?)");
            connection.write(Iq.serverError(iq, 401, "not-authorized"));
            return;
        }
        byte[] companionIdentity = Arrays.copyOfRange(plain, 0, 32);
        byte[] advRandom = Arrays.copyOfRange(plain, 64, 96);
        if (!Arrays.equals(companionIdentity, connection.identityKey())) {
            connection.write(Iq.serverError(iq, 401, "not-authorized"));
            return;
        }
        byte[] identityShared = Curve25519.sharedSecret(account.identity().privateKey(), companionIdentity);
        connection.write(Iq.serverResult(iq, List.of()));
        server.pendingLinkCodes.remove(phone.substring(1), this);
        server.pairWith(phone, connection, LinkCodes.advSecret(ephemeralShared, identityShared, advRandom));
    }

    void forget() {
        if (phone != null) {
            server.pendingLinkCodes.remove(phone.substring(1), this);
        }
    }
}
