package dev.wabridge.rpc.tools;

/**
 * Where a long-running tool reports progress. When the client asked for progress
 * ({@code _meta.progressToken}) and accepts an event stream, each report becomes a
 * {@code notifications/progress} event on the POST's SSE response; otherwise it is dropped.
 */
@FunctionalInterface
public interface ProgressSink {
    ProgressSink NONE = (progress, total, message) -> { };

    void report(double progress, Double total, String message);
}
