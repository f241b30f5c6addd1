package dev.wabridge.sandbox.noise;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.noise.NoiseCertificates;
import dev.wabridge.wire.proto.CertChain;

import java.time.Duration;
import java.time.Instant;

/**
 * Issues a Noise certificate chain (root → intermediate → leaf) the way WhatsApp's servers
 * present theirs. Used by the sandbox, which has its own root so no one confuses it with
 * WhatsApp.
 */
public final class CertificateAuthority {
    private final KeyPair root;
    private final KeyPair intermediate;
    private final int intermediateSerial;

    public CertificateAuthority(KeyPair root, KeyPair intermediate, int intermediateSerial) {
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateSerial = intermediateSerial;
    }

    public static CertificateAuthority generate() {
        return new CertificateAuthority(Curve25519.generate(), Curve25519.generate(), 1);
    }

    public byte[] rootPublicKey() {
        return root.publicKey();
    }

    public KeyPair root() {
        return root;
    }

    /** A chain whose leaf certifies {@code serverStaticPublic}, valid from now for {@code validity}. */
    public byte[] chainFor(byte[] serverStaticPublic, Instant now, Duration validity) {
        long from = now.minus(Duration.ofMinutes(5)).getEpochSecond();
        long to = now.plus(validity).getEpochSecond();
        byte[] intermediateDetails = CertChain.NoiseCertificate.Details.newBuilder()
                .setSerial(intermediateSerial).setIssuerSerial(NoiseCertificates.ROOT_SERIAL)
                .setKey(ByteString.copyFrom(intermediate.publicKey())).setNotBefore(from).setNotAfter(to)
                .build().toByteArray();
        byte[] leafDetails = CertChain.NoiseCertificate.Details.newBuilder()
                .setSerial(intermediateSerial + 1).setIssuerSerial(intermediateSerial)
                .setKey(ByteString.copyFrom(serverStaticPublic)).setNotBefore(from).setNotAfter(to)
                .build().toByteArray();
        return CertChain.newBuilder()
                .setIntermediate(CertChain.NoiseCertificate.newBuilder().setDetails(ByteString.copyFrom(intermediateDetails))
                        .setSignature(ByteString.copyFrom(XEdDSA.sign(root.privateKey(), intermediateDetails))))
                .setLeaf(CertChain.NoiseCertificate.newBuilder().setDetails(ByteString.copyFrom(leafDetails))
                        .setSignature(ByteString.copyFrom(XEdDSA.sign(intermediate.privateKey(), leafDetails))))
                .build().toByteArray();
    }
}
