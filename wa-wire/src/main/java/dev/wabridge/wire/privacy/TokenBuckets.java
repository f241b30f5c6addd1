package dev.wabridge.wire.privacy;

import java.time.Duration;
import java.time.Instant;

/**
 * The time rules of privacy tokens (whatsmeow tctoken.go; Baileys tc-token-utils.ts): time
 * is cut into buckets of 7 days from the epoch, a token is good while its timestamp is in one
 * of the 4 newest buckets (the current one included, so 21 to 28 days), and a client issues
 * its own token to a contact at most once per bucket. Both ends read these: the client to
 * choose what to attach and when to issue, the sandbox to judge a token and pace its phones.
 */
public final class TokenBuckets {
    /** One bucket: 604800 s, WhatsApp's AB prop {@code tctoken_duration} (whatsmeow tcTokenBucketDuration). */
    public static final Duration BUCKET = Duration.ofSeconds(604_800);
    /** Buckets in the rolling window: AB prop {@code tctoken_num_buckets} (whatsmeow tcTokenNumBuckets). */
    public static final int BUCKETS = 4;

    private TokenBuckets() {
    }

    /** The bucket a moment falls in. */
    public static long bucket(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), BUCKET.toSeconds());
    }

    /** The oldest moment still inside the window at {@code now}: the start of the bucket {@link #BUCKETS} − 1 before the current one. */
    public static Instant cutoff(Instant now) {
        return Instant.ofEpochSecond((bucket(now) - (BUCKETS - 1)) * BUCKET.toSeconds());
    }

    /** A token (or an issuance) from {@code timestamp} is no longer good at {@code now}; none (null or the epoch) never is. */
    public static boolean expired(Instant timestamp, Instant now) {
        return timestamp == null || timestamp.equals(Instant.EPOCH) || timestamp.isBefore(cutoff(now));
    }

    /** Our token should go to the contact again: never issued, or last issued in an earlier bucket (whatsmeow shouldSendNewTCToken). */
    public static boolean issueDue(Instant lastIssued, Instant now) {
        return lastIssued == null || lastIssued.equals(Instant.EPOCH) || bucket(now) > bucket(lastIssued);
    }
}
