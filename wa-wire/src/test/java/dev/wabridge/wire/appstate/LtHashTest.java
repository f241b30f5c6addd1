package dev.wabridge.wire.appstate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The LT-hash's properties (whatsmeow lthash.go): order does not matter, subtract undoes add, words wrap. */
class LtHashTest {
    private static final byte[] ZERO = new byte[LtHash.SIZE];

    private static byte[] item(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void theOrderOfItemsDoesNotMatter() {
        byte[] ab = LtHash.subtractThenAdd(ZERO, List.of(), List.of(item(1), item(2)));
        byte[] ba = LtHash.subtractThenAdd(LtHash.subtractThenAdd(ZERO, List.of(), List.of(item(2))), List.of(), List.of(item(1)));
        assertArrayEquals(ab, ba);
    }

    @Test
    void subtractingWhatWasAddedGivesTheStartBack() {
        byte[] h = LtHash.subtractThenAdd(ZERO, List.of(), List.of(item(1), item(2), item(3)));
        assertFalse(java.util.Arrays.equals(ZERO, h));
        assertArrayEquals(ZERO, LtHash.subtractThenAdd(h, List.of(item(3), item(1), item(2)), List.of()));
    }

    @Test
    void subtractingFromZeroWrapsAround() {
        byte[] h = LtHash.subtractThenAdd(ZERO, List.of(item(7)), List.of());
        assertArrayEquals(ZERO, LtHash.subtractThenAdd(h, List.of(), List.of(item(7))), "16-bit words wrap both ways");
    }

    @Test
    void theBaseIsNotChangedAndMustBe128Bytes() {
        byte[] base = new byte[LtHash.SIZE];
        LtHash.subtractThenAdd(base, List.of(), List.of(item(1)));
        assertArrayEquals(ZERO, base);
        assertEquals(128, LtHash.SIZE);
        assertThrows(IllegalArgumentException.class, () -> LtHash.subtractThenAdd(new byte[64], List.of(), List.of()));
    }
}
