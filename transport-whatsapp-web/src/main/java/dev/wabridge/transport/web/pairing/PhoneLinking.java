package dev.wabridge.transport.web.pairing;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.pairing.LinkCodes;
import dev.wabridge.wire.pairing.QrCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Linking by phone number instead of a QR scan (whatsmeow pair-code.go PairPhone and
 * handleCodePairNotification): {@link #request} sends {@code link_code_companion_reg} stage
 * {@code companion_hello} with our ephemeral key wrapped under a fresh 8-character code and
 * hands the code out; once the owner types it on the phone, the server's
 * {@code link_code_companion_reg} notification brings the phone's wrapped ephemeral key and
 * identity, from which both sides derive the ADV secret; we answer {@code companion_finish}
 * with our key bundle, store the new ADV secret, and pairing ends as after a scan
 * ({@code pair-success}, {@link PairSuccess}). Runs on the session's actor thread.
 */
public final class PhoneLinking {
    private static final Logger log = LoggerFactory.getLogger(PhoneLinking.class);

    /** What the notification needs from our hello (whatsmeow phoneLinkingCache). */
    private record Pending(Jid jid, KeyPair ephemeral, String code, byte[] ref) {
    }

    private final SessionServices session;
    private final String displayName;
    private Pending pending;

    public PhoneLinking(SessionServices session, String displayName) {
        this.session = session;
        this.displayName = displayName;
    }

    /** Asks for a code for {@code phone} (E.164); completes with it as {@code ABCD-EFGH}. */
    public CompletableFuture<String> request(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() <= 6 || digits.startsWith("0")) {
            return CompletableFuture.failedFuture(new TransportException("give the phone number in international form, e.g. +34600000000", false));
        }
        if (session.credentials().paired()) {
            return CompletableFuture.failedFuture(new TransportException("this session is already linked", false));
        }
        KeyPair ephemeral = Curve25519.generate();
        String code = LinkCodes.newCode();
        Jid jid = Jid.phone(digits);
        Node hello = Node.of("link_code_companion_reg", Node.attrs("jid", jid, "stage", "companion_hello",
                "should_show_push_notification", "true"), List.of(
                Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", Map.of(), LinkCodes.wrap(code, ephemeral.publicKey())),
                Node.of("companion_server_auth_key_pub", Map.of(), session.credentials().noiseKey().publicKey()),
                Node.of("companion_platform_id", Map.of(), QrCode.PLATFORM_OTHER_WEB.getBytes(StandardCharsets.US_ASCII)),
                Node.of("companion_platform_display", Map.of(), displayName.getBytes(StandardCharsets.UTF_8)),
                Node.of("link_code_pairing_nonce", Map.of(), new byte[]{0})));
        return session.request("set", "md", List.of(hello)).thenApply(answer -> {
            byte[] ref = answer.child("link_code_companion_reg").flatMap(r -> r.child("link_code_pairing_ref")).map(Node::bytes)
                    .orElseThrow(() -> new TransportException("the server sent no link_code_pairing_ref", true));
            pending = new Pending(jid, ephemeral, code, ref);
            return LinkCodes.display(code);
        });
    }

    /** {@code <notification type="link_code_companion_reg">}: the phone took the code. */
    public void onNotification(Node notification) {
        Node reg = notification.child("link_code_companion_reg").orElse(null);
        Pending p = pending;
        if (reg == null || p == null) {
            log.info("session {}: a link-code notification without a pending code", session.sessionId());
            return;
        }
        byte[] ref = reg.child("link_code_pairing_ref").map(Node::bytes).orElse(new byte[0]);
        byte[] wrapped = reg.child("link_code_pairing_wrapped_primary_ephemeral_pub").map(Node::bytes).orElse(new byte[0]);
        byte[] primaryIdentity = reg.child("primary_identity_pub").map(Node::bytes).orElse(null);
        if (!Arrays.equals(ref, p.ref()) || wrapped.length < 80 || primaryIdentity == null) {
            log.warn("session {}: a link-code notification that does not match our code", session.sessionId());
            return;
        }
        Credentials creds = session.credentials();
        byte[] primaryEphemeral = LinkCodes.unwrap(p.code(), wrapped);
        byte[] ephemeralShared = Curve25519.sharedSecret(p.ephemeral().privateKey(), primaryEphemeral);
        byte[] advRandom = LinkCodes.random(32);
        byte[] bundle = LinkCodes.wrapKeyBundle(ephemeralShared, creds.identityKey().publicKey(), primaryIdentity, advRandom);
        byte[] identityShared = Curve25519.sharedSecret(creds.identityKey().privateKey(), primaryIdentity);
        session.saveCredentials(creds.withAdvSecret(LinkCodes.advSecret(ephemeralShared, identityShared, advRandom)));
        pending = null;
        session.request("set", "md", List.of(Node.of("link_code_companion_reg", Node.attrs("jid", p.jid(), "stage", "companion_finish"),
                List.of(Node.of("link_code_pairing_wrapped_key_bundle", Map.of(), bundle),
                        Node.of("companion_identity_public", Map.of(), creds.identityKey().publicKey()),
                        Node.of("link_code_pairing_ref", Map.of(), ref))))).whenComplete((ok, e) -> {
                            if (e != null) {
                                log.warn("session {}: companion_finish failed: {}", session.sessionId(), e.getMessage());
                            }
                        });
    }
}
