package dev.wabridge.daemon.store.sqlite;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrefixRangeTest {
    private static final String MAX = Character.toString(Character.MAX_CODE_POINT);

    @Test
    void theUpperBoundRaisesTheLastCodePoint() {
        assertEquals(Optional.of("1234@s.whatsapp.net;"), PrefixRange.upperBound("1234@s.whatsapp.net:"));
        assertEquals(Optional.of("a`"), PrefixRange.upperBound("a_"));
        assertEquals(Optional.of("a&"), PrefixRange.upperBound("a%"));
    }

    @Test
    void supplementaryCharactersAreRaisedAsOneCodePoint() {
        assertEquals(Optional.of("a😁"), PrefixRange.upperBound("a😀"));
        assertEquals(Optional.of("\uD800\uDC00"), PrefixRange.upperBound("\uFFFF"));
    }

    @Test
    void theSurrogateBlockIsSkipped() {
        assertEquals(Optional.of("a\uE000"), PrefixRange.upperBound("a\uD7FF"));
    }

    @Test
    void maximalCodePointsCarryToTheOneBefore() {
        assertEquals(Optional.of("b"), PrefixRange.upperBound("a" + MAX + MAX));
        assertEquals(Optional.empty(), PrefixRange.upperBound(MAX));
        assertEquals(Optional.empty(), PrefixRange.upperBound(""));
    }
}
