package dev.wabridge.rpc.stdio;

import java.util.function.Consumer;

/**
 * Incremental text/event-stream parser (WHATWG HTML, "event stream interpretation"): feed it
 * text as it arrives; it calls back with each event's data once the blank line ends it.
 */
final class SseParser {
    private final Consumer<String> onData;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    void feed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                endLine();
            } else if (ch != '\r') {
                line.append(ch);
            }
        }
    }

    private void endLine() {
        String l = line.toString();
        line.setLength(0);
        if (l.isEmpty()) {
            if (hasData && !data.isEmpty()) {
                onData.accept(data.toString());
            }
            data.setLength(0);
            hasData = false;
            return;
        }
        if (l.startsWith(":")) {
            return; // comment (keep-alive)
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }
}
