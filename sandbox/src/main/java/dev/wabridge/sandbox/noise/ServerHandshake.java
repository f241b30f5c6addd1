package dev.wabridge.sandbox.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.noise.NoiseCipher;
import dev.wabridge.wire.noise.NoiseHandshake;
import dev.wabridge.wire.proto.HandshakeMessage;
import dev.wabridge.wire.socket.FrameCodec;

/**
 * The responder side of WhatsApp's Noise XX handshake, as WhatsApp's servers run it: used by
 * the sandbox. Mirrors {@link ClientHandshake} operation for operation.
 */
public final class ServerHandshake {
    private final NoiseHandshake noise;
    private final KeyPair ephemeral = Curve25519.generate();
    private final KeyPair staticKey;
    private final byte[] certificateChain;
    private byte[] clientStatic;

    /** What the client sent in ClientFinish, and the transport keys. */
    public record Finished(byte[] clientStaticKey, byte[] clientPayload, NoiseCipher write, NoiseCipher read) {
    }

    public ServerHandshake(KeyPair staticKey, byte[] certificateChain) {
        this(staticKey, certificateChain, FrameCodec.INTRO_HEADER);
    }

    /** @param prologue the intro header the client sent (its dictionary version may be 2 or 3) */
    public ServerHandshake(KeyPair staticKey, byte[] certificateChain, byte[] prologue) {
        this.noise = new NoiseHandshake(NoiseHandshake.WHATSAPP_PATTERN, prologue);
        this.staticKey = staticKey;
        this.certificateChain = certificateChain;
    }

    public byte[] serverHello(byte[] clientHelloFrame) {
        byte[] clientEphemeral;
        try {
            clientEphemeral = HandshakeMessage.parseFrom(clientHelloFrame).getClientHello().getEphemeral().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new CryptoException("client hello is not a HandshakeMessage", e);
        }
        if (clientEphemeral.length != 32) {
            throw new CryptoException("client hello has no 32-byte ephemeral key");
        }
        noise.mixHash(clientEphemeral);
        noise.mixHash(ephemeral.publicKey());
        noise.mixSharedSecret(ephemeral.privateKey(), clientEphemeral);
        byte[] encryptedStatic = noise.encryptAndHash(staticKey.publicKey());
        noise.mixSharedSecret(staticKey.privateKey(), clientEphemeral);
        byte[] encryptedCertificate = noise.encryptAndHash(certificateChain);
        return HandshakeMessage.newBuilder()
                .setServerHello(HandshakeMessage.ServerHello.newBuilder()
                        .setEphemeral(ByteString.copyFrom(ephemeral.publicKey()))
                        .setStatic(ByteString.copyFrom(encryptedStatic))
                        .setPayload(ByteString.copyFrom(encryptedCertificate)))
                .build().toByteArray();
    }

    public Finished clientFinish(byte[] clientFinishFrame) {
        HandshakeMessage.ClientFinish finish;
        try {
            finish = HandshakeMessage.parseFrom(clientFinishFrame).getClientFinish();
        } catch (InvalidProtocolBufferException e) {
            throw new CryptoException("client finish is not a HandshakeMessage", e);
        }
        clientStatic = noise.decryptAndHash(finish.getStatic().toByteArray());
        noise.mixSharedSecret(ephemeral.privateKey(), clientStatic);
        byte[] payload = noise.decryptAndHash(finish.getPayload().toByteArray());
        NoiseCipher[] split = noise.split();
        return new Finished(clientStatic, payload, split[1], split[0]);
    }
}
