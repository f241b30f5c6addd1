package dev.wabridge.daemon.auth;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether a person is looking at this process's output: a secret may be printed only then.
 * Under systemd, a pipe or a file, stdout goes to a journal or a log that others may read.
 *
 * <p>JDK 21 has a {@link Console} only when stdin and stdout are a terminal. JDK 22 to 24 may
 * hand out one for redirected streams too, and say so with {@code Console.isTerminal()}
 * (JDK 22); this build targets 21, so that method is looked up when it exists.
 */
public final class Terminal {
    private Terminal() {
    }

    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a Console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // when in doubt, the secret goes to the file
        }
    }
}
