package dev.wabridge.transport.web.services;

import dev.wabridge.transport.TransportException;

/**
 * The server answered a request with {@code <iq type="error"><error code text/></iq>}
 * (whatsmeow request.go IQError). Codes 500 and above, and 429, may succeed later; the
 * others (400 bad request, 404 item-not-found, ...) will not. 429 ({@code rate-overlimit}) is
 * WhatsApp limiting the number, so it carries {@link Limit#RATE}.
 */
public final class IqException extends TransportException {
    private final int code;
    private final String text;

    public IqException(int code, String text) {
        super("the server answered error " + code + (text == null ? "" : " (" + text + ")"), code >= 500 || code == 429,
                code == 429 ? Limit.RATE : Limit.NONE);
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}
