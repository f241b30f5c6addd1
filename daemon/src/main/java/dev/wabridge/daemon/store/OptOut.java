package dev.wabridge.daemon.store;

/** A phone that opted out: why, how ("api", "keyword") and since when. */
public record OptOut(String phone, String reason, String source, String createdAt) {
}
