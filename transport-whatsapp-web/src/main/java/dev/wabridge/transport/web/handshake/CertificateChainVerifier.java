package dev.wabridge.transport.web.handshake;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.noise.NoiseCertificates;
import dev.wabridge.wire.proto.CertChain;

import java.security.MessageDigest;
import java.time.Instant;

/**
 * Checks the server's Noise certificate chain the way whatsmeow's verifyServerCert does: the
 * intermediate's details are signed (XEdDSA) by the configured root key and name issuer
 * serial 0; the leaf's details are signed by the intermediate's key and name the
 * intermediate's serial; the leaf key is the server's static Noise key; both are within
 * their validity times.
 */
public final class CertificateChainVerifier {
    private final byte[] rootPublicKey;

    public CertificateChainVerifier(byte[] rootPublicKey) {
        if (rootPublicKey.length != 32) {
            throw new IllegalArgumentException("the certificate root is a 32-byte Curve25519 public key");
        }
        this.rootPublicKey = rootPublicKey.clone();
    }

    /** Throws {@link CryptoException} with the reason when the chain is not acceptable. */
    public void verify(byte[] certChainBytes, byte[] serverStaticKey, Instant now) {
        CertChain chain;
        CertChain.NoiseCertificate.Details intermediate;
        CertChain.NoiseCertificate.Details leaf;
        try {
            chain = CertChain.parseFrom(certChainBytes);
            intermediate = CertChain.NoiseCertificate.Details.parseFrom(chain.getIntermediate().getDetails());
            leaf = CertChain.NoiseCertificate.Details.parseFrom(chain.getLeaf().getDetails());
        } catch (InvalidProtocolBufferException e) {
            throw new CryptoException("server certificate chain is not a valid CertChain", e);
        }
        if (!XEdDSA.verify(rootPublicKey, chain.getIntermediate().getDetails().toByteArray(), chain.getIntermediate().getSignature().toByteArray())) {
            throw new CryptoException("server certificate: intermediate not signed by the configured root");
        }
        if (intermediate.getIssuerSerial() != NoiseCertificates.ROOT_SERIAL) {
            throw new CryptoException("server certificate: intermediate issuer serial " + intermediate.getIssuerSerial() + " is not the root's");
        }
        if (intermediate.getKey().size() != 32) {
            throw new CryptoException("server certificate: intermediate key is not 32 bytes");
        }
        if (!XEdDSA.verify(intermediate.getKey().toByteArray(), chain.getLeaf().getDetails().toByteArray(), chain.getLeaf().getSignature().toByteArray())) {
            throw new CryptoException("server certificate: leaf not signed by the intermediate");
        }
        if (leaf.getIssuerSerial() != intermediate.getSerial()) {
            throw new CryptoException("server certificate: leaf issuer serial does not match the intermediate");
        }
        if (!MessageDigest.isEqual(leaf.getKey().toByteArray(), serverStaticKey)) {
            throw new CryptoException("server certificate: leaf key is not the server's static Noise key");
        }
        long t = now.getEpochSecond();
        for (CertChain.NoiseCertificate.Details d : new CertChain.NoiseCertificate.Details[]{intermediate, leaf}) {
            if (d.hasNotBefore() && t < d.getNotBefore() || d.hasNotAfter() && t > d.getNotAfter()) {
                throw new CryptoException("server certificate: not valid at " + now);
            }
        }
    }
}
