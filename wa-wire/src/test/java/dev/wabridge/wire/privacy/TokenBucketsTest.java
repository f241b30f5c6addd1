package dev.wabridge.wire.privacy;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bucket arithmetic of whatsmeow's tctoken.go, worked by hand: buckets are 604800 s from
 * the epoch (so they start on Thursdays, 00:00 UTC), the window is the current bucket and the
 * three before it, and a new issue is due only once the bucket changed.
 */
class TokenBucketsTest {
    /** A Wednesday: bucket 2921 runs from 2025-12-25T00:00Z (1766620800) to 2026-01-01T00:00Z. */
    private static final Instant NOW = Instant.parse("2025-12-31T12:00:00Z");

    @Test
    void bucketsAreWeeksFromTheEpoch() {
        assertEquals(2921, TokenBuckets.bucket(NOW));
        assertEquals(2921, TokenBuckets.bucket(Instant.ofEpochSecond(1766620800L)));
        assertEquals(2920, TokenBuckets.bucket(Instant.ofEpochSecond(1766620799L)));
    }

    @Test
    void theWindowReachesBackToTheStartOfTheBucketThreeBefore() {
        Instant cutoff = TokenBuckets.cutoff(NOW);
        assertEquals(Instant.ofEpochSecond(2918L * 604800), cutoff);
        assertEquals(Instant.parse("2025-12-04T00:00:00Z"), cutoff);
        assertFalse(TokenBuckets.expired(cutoff, NOW));
        assertTrue(TokenBuckets.expired(cutoff.minusSeconds(1), NOW));
        assertFalse(TokenBuckets.expired(NOW, NOW));
        assertTrue(TokenBuckets.expired(null, NOW), "no time: expired (whatsmeow isTCTokenExpired)");
        assertTrue(TokenBuckets.expired(Instant.EPOCH, NOW));
    }

    @Test
    void anIssueIsDueOncePerBucket() {
        assertTrue(TokenBuckets.issueDue(null, NOW), "never issued");
        assertTrue(TokenBuckets.issueDue(Instant.EPOCH, NOW));
        assertFalse(TokenBuckets.issueDue(Instant.parse("2025-12-25T00:00:00Z"), NOW), "earlier in the same bucket");
        assertTrue(TokenBuckets.issueDue(Instant.parse("2025-12-24T23:59:59Z"), NOW), "the bucket before, one second earlier");
        assertTrue(TokenBuckets.issueDue(NOW, Instant.parse("2026-01-01T00:00:00Z")), "the next bucket");
    }
}
