package dev.wabridge.daemon.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Token scopes. Independent of each other (admin does not imply send): a token gets exactly
 * the scopes listed at creation. read: status, logs, lists, checks. send: sending,
 * scheduling, templates, adding opt-outs. admin: linking and removing numbers, profiles,
 * removing opt-outs.
 */
public final class Scopes {
    public static final String READ = "read";
    public static final String SEND = "send";
    public static final String ADMIN = "admin";
    public static final List<String> ALL = List.of(READ, SEND, ADMIN);

    private Scopes() {
    }

    /** Parses "read,send"; throws with a helpful message on an unknown scope. */
    public static Set<String> parse(String csv) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()) {
            if (!ALL.contains(s)) {
                throw new IllegalArgumentException("unknown scope '" + s + "'; scopes are " + String.join(", ", ALL));
            }
            scopes.add(s);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope: " + String.join(", ", ALL));
        }
        return scopes;
    }
}
