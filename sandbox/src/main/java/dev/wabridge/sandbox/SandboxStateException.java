package dev.wabridge.sandbox;

import java.io.Serial;
import java.nio.file.Path;

/**
 * The sandbox's state file cannot be used. The message names the file, what is wrong with it
 * and the fix, instead of a bare NullPointerException or parse error (issue 11).
 */
public final class SandboxStateException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    SandboxStateException(Path file, String problem, Throwable cause) {
        super("the sandbox state file " + file + " is unusable: " + problem + ". It holds the sandbox's keys and linked devices;"
                + " to start with a fresh sandbox, move it away (mv " + file + " " + file + ".bad): sessions linked to the"
                + " sandbox then need a new QR code (reconnect_whatsapp)", cause);
    }
}
