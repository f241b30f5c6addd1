package dev.wabridge.transport.web.messages;

import dev.wabridge.wire.binary.Jid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Message ids in WhatsApp Web's format (whatsmeow send.go GenerateMessageID; Baileys
 * generateMessageIDV2): "3EB0" and the first 9 bytes, upper-case hex, of SHA-256 over the
 * unix time (8 bytes big-endian), our user "@c.us" and 16 random bytes: 22 characters.
 */
public final class MessageIds {
    /** whatsmeow WebMessageIDPrefix. */
    public static final String PREFIX = "3EB0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String generate(Jid ownJid, Instant now) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(8).putLong(now.getEpochSecond()).array());
            if (ownJid != null && ownJid.user() != null) {
                sha.update(ownJid.user().getBytes(StandardCharsets.UTF_8));
                sha.update("@c.us".getBytes(StandardCharsets.UTF_8));
            }
            sha.update(random);
            byte[] hash = sha.digest();
            return PREFIX + HexFormat.of().withUpperCase().formatHex(hash, 0, 9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
