package dev.wabridge.wire.signal;

import java.util.Arrays;

/** One encrypted payload and the {@code <enc type>} it goes out as. */
public record Ciphertext(CiphertextType type, byte[] body) {
    public Ciphertext {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ciphertext c && c.type == type && Arrays.equals(c.body, body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Ciphertext[" + type.wireName() + ", " + body.length + " bytes]";
    }
}
