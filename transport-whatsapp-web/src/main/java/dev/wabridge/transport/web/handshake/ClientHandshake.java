package dev.wabridge.transport.web.handshake;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.noise.NoiseCipher;
import dev.wabridge.wire.noise.NoiseHandshake;
import dev.wabridge.wire.proto.HandshakeMessage;
import dev.wabridge.wire.socket.FrameCodec;

import java.time.Instant;

/**
 * The client side of WhatsApp's Noise XX handshake (whatsmeow handshake.go doHandshake;
 * Baileys noise-handler.ts): ClientHello with the ephemeral key, ServerHello with the
 * server's ephemeral key, encrypted static key and certificate chain, then ClientFinish with
 * our encrypted static (noise) key and the encrypted ClientPayload.
 */
public final class ClientHandshake {
    private final NoiseHandshake noise = new NoiseHandshake(NoiseHandshake.WHATSAPP_PATTERN, FrameCodec.INTRO_HEADER);
    private final KeyPair ephemeral = Curve25519.generate();
    private final KeyPair noiseKey;
    private final CertificateChainVerifier verifier;

    /** The transport keys once the handshake is done. */
    public record Keys(NoiseCipher write, NoiseCipher read) {
    }

    public ClientHandshake(KeyPair noiseKey, CertificateChainVerifier verifier) {
        this.noiseKey = noiseKey;
        this.verifier = verifier;
    }

    /** The first frame: HandshakeMessage{clientHello{ephemeral}}. */
    public byte[] clientHello() {
        noise.mixHash(ephemeral.publicKey());
        return HandshakeMessage.newBuilder()
                .setClientHello(HandshakeMessage.ClientHello.newBuilder().setEphemeral(ByteString.copyFrom(ephemeral.publicKey())))
                .build().toByteArray();
    }

    /** Processes the server's hello; returns the ClientFinish frame carrying {@code clientPayload}. */
    public byte[] clientFinish(byte[] serverHelloFrame, byte[] clientPayload, Instant now) {
        HandshakeMessage.ServerHello hello;
        try {
            hello = HandshakeMessage.parseFrom(serverHelloFrame).getServerHello();
        } catch (InvalidProtocolBufferException e) {
            throw new CryptoException("server hello is not a HandshakeMessage", e);
        }
        byte[] serverEphemeral = hello.getEphemeral().toByteArray();
        if (serverEphemeral.length != 32 || hello.getStatic().isEmpty() || hello.getPayload().isEmpty()) {
            throw new CryptoException("server hello is missing its ephemeral key, static key or certificate");
        }
        noise.mixHash(serverEphemeral);
        noise.mixSharedSecret(ephemeral.privateKey(), serverEphemeral);
        byte[] serverStatic = noise.decryptAndHash(hello.getStatic().toByteArray());
        noise.mixSharedSecret(ephemeral.privateKey(), serverStatic);
        byte[] certificate = noise.decryptAndHash(hello.getPayload().toByteArray());
        verifier.verify(certificate, serverStatic, now);
        byte[] encryptedStatic = noise.encryptAndHash(noiseKey.publicKey());
        noise.mixSharedSecret(noiseKey.privateKey(), serverEphemeral);
        byte[] encryptedPayload = noise.encryptAndHash(clientPayload);
        return HandshakeMessage.newBuilder()
                .setClientFinish(HandshakeMessage.ClientFinish.newBuilder()
                        .setStatic(ByteString.copyFrom(encryptedStatic)).setPayload(ByteString.copyFrom(encryptedPayload)))
                .build().toByteArray();
    }

    public Keys keys() {
        NoiseCipher[] split = noise.split();
        return new Keys(split[0], split[1]);
    }
}
