package dev.wabridge.rpc.http;

import java.util.Locale;

/** The small part of HTTP content negotiation this endpoint needs. */
final class MediaTypes {
    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    private MediaTypes() {
    }

    /** True when an Accept header (null means absent, i.e. anything) admits {@code type}. */
    static boolean accepts(String accept, String type) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String major = type.substring(0, type.indexOf('/'));
        for (String part : accept.split(",")) {
            String range = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (range.equals(type) || range.equals("*/*") || range.equals(major + "/*")) {
                return !hasZeroQuality(part);
            }
        }
        return false;
    }

    /** True when a Content-Type header names {@code type}, ignoring parameters like charset. */
    static boolean is(String contentType, String type) {
        if (contentType == null) {
            return false;
        }
        return contentType.split(";", 2)[0].trim().equalsIgnoreCase(type);
    }

    private static boolean hasZeroQuality(String part) {
        String[] params = part.split(";");
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2)) == 0.0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
