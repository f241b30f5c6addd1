package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.appstate.ExternalBlobCipher;
import dev.wabridge.wire.proto.ExternalBlobReference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's stand-in for WhatsApp's media servers, for the app-state blobs it publishes
 * (snapshots and external mutations): each is sealed under a fresh random media key as WhatsApp's
 * are (wa-wire's {@link ExternalBlobCipher}, the format of whatsmeow download.go and Baileys
 * encryptedStream), kept under a random token and served over the sandbox's HTTP port at its
 * direct path, {@code /mms/md-app-state/<token>?ccb=11-4}. WhatsApp's direct paths have their own
 * shape ({@code /v/t62.…/….enc?ccb=…&oh=…}); what clients rely on is that the path starts with a
 * slash and carries a query, which whatsmeow appends its own parameters to. The newest
 * {@value #KEEP} blobs are kept, in memory only.
 *
 * <p>A fault for tests: while {@link #corrupt} is on, blobs are published with a wrong MAC and a
 * file hash taken after the damage, so only a client's MAC check can catch it.
 * Published from connection event loops, served from HTTP ones: one lock.
 */
final class MediaBlobs {
    /** How many blobs are kept (each app-state answer publishes at most a few). */
    static final int KEEP = 256;
    /** Where the sandbox serves them. */
    static final String PREFIX = "/mms/md-app-state/";

    private final SecureRandom random;
    /** By token, oldest first. */
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private volatile boolean corrupt;

    MediaBlobs(SecureRandom random) {
        this.random = random;
    }

    /** Seals and keeps {@code plain}; the reference a device downloads it with. */
    ExternalBlobReference publish(byte[] plain) {
        byte[] mediaKey = new byte[ExternalBlobCipher.MEDIA_KEY_LENGTH];
        random.nextBytes(mediaKey);
        byte[] id = new byte[16];
        random.nextBytes(id);
        String token = HexFormat.of().formatHex(id);
        ExternalBlobCipher.Sealed sealed = ExternalBlobCipher.seal(mediaKey, plain);
        byte[] file = sealed.file();
        byte[] encSha256 = sealed.fileEncSha256();
        if (corrupt) {
            file[file.length - 1] ^= 0x01; // the last byte of the 10-byte MAC
            encSha256 = sha256(file);
        }
        synchronized (this) {
            files.put(token, file);
            if (files.size() > KEEP) {
                files.remove(files.keySet().iterator().next());
            }
        }
        return ExternalBlobReference.newBuilder()
                .setMediaKey(ByteString.copyFrom(mediaKey))
                .setDirectPath(PREFIX + token + "?ccb=11-4")
                .setHandle(token)
                .setFileSizeBytes(plain.length)
                .setFileSha256(ByteString.copyFrom(sealed.fileSha256()))
                .setFileEncSha256(ByteString.copyFrom(encSha256))
                .build();
    }

    /** The file at a request path (its query ignored), counted as a download. */
    Optional<byte[]> download(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] file;
        synchronized (this) {
            file = files.get(path.substring(PREFIX.length()));
        }
        if (file != null) {
            served.incrementAndGet();
        }
        return Optional.ofNullable(file);
    }

    int served() {
        return served.get();
    }

    void corrupt(boolean on) {
        corrupt = on;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
