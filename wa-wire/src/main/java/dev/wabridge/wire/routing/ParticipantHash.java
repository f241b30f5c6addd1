package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Jid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/**
 * The participant list hash ({@code phash}) of the devices a message is meant for, which both
 * ends compute: the sender puts it on the message, the server answers its own in the ack when
 * its list of those devices differs, and {@code <notification type="devices">} carries the
 * new hash of a user's list. Written from whatsmeow send.go participantListHashV2: each device
 * as its AD string {@code user.agent:device@server} (agent and device always written), sorted,
 * joined without separator, SHA-256, {@code "2:"} + base64 (no padding) of the first 6 bytes.
 * WhatsApp's token dictionary holds {@code "2:47DEQpj8"}, which is this hash of no device.
 * Baileys 7 (generateParticipantHashV2) keeps 6 base64 characters of the whole digest of plain
 * JIDs instead; see docs/decisions.md. Stateless.
 */
public final class ParticipantHash {
    private ParticipantHash() {
    }

    public static String of(Collection<Jid> devices) {
        String[] parts = devices.stream().map(ParticipantHash::adString).toArray(String[]::new);
        Arrays.sort(parts); // JIDs are ASCII: UTF-16 order is Go's byte order
        byte[] digest = sha256(String.join("", parts).getBytes(StandardCharsets.UTF_8));
        return "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
    }

    /** whatsmeow types.JID.ADString: {@code user.agent:device@server}, zeros included. */
    static String adString(Jid device) {
        return (device.user() == null ? "" : device.user()) + "." + device.agent() + ":" + device.device() + "@" + device.server();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
