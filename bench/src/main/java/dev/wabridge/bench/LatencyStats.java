package dev.wabridge.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of durations. The harnesses print p50, p99 and the
 * maximum rather than a mean because a send's cost on a shared 2-core machine has a long
 * tail (GC, fsync, other processes), and the tail is what a caller waits for.
 */
final class LatencyStats {
    private final long[] sorted;

    LatencyStats(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest value with at least {@code p} percent of the values at or below it. */
    double percentileMillis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** One line: {@code label: p50 … ms, p99 … ms, max … ms (n = …)}. */
    String line(String label) {
        return String.format("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (n = %d)", label, percentileMillis(50),
                percentileMillis(99), maxMillis(), count());
    }
}
