package dev.wabridge.transport.web.binary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token dictionaries (data files beside this class, facts from whatsmeow and Baileys):
 * 236 single-byte tokens and 4 × 256 double-byte tokens. Immutable once loaded.
 */
final class TokenDictionary {
    static final List<String> SINGLE;
    static final List<List<String>> DOUBLE;
    private static final Map<String, Integer> SINGLE_INDEX = new HashMap<>();
    /** Value: dictionary * 256 + index. */
    private static final Map<String, Integer> DOUBLE_INDEX = new HashMap<>();

    static {
        List<String> single = new ArrayList<>();
        for (String line : lines("single-byte-tokens.txt")) {
            if (!line.startsWith("# ") || !single.isEmpty()) {
                single.add(line);
            }
        }
        if (single.size() != Tags.DICTIONARY_0) {
            throw new IllegalStateException("expected 236 single-byte tokens, found " + single.size());
        }
        List<List<String>> dictionaries = new ArrayList<>();
        for (String line : lines("double-byte-tokens.txt")) {
            if (line.startsWith("## ")) {
                continue;
            }
            if (line.startsWith("# dictionary ")) {
                dictionaries.add(new ArrayList<>());
                continue;
            }
            dictionaries.get(dictionaries.size() - 1).add(line);
        }
        if (dictionaries.size() != 4 || dictionaries.stream().anyMatch(d -> d.size() != 256)) {
            throw new IllegalStateException("expected 4 double-byte dictionaries of 256 tokens");
        }
        SINGLE = List.copyOf(single);
        DOUBLE = dictionaries.stream().map(List::copyOf).toList();
        for (int i = 1; i < SINGLE.size(); i++) {
            SINGLE_INDEX.putIfAbsent(SINGLE.get(i), i);
        }
        for (int d = 0; d < DOUBLE.size(); d++) {
            for (int i = 0; i < 256; i++) {
                DOUBLE_INDEX.putIfAbsent(DOUBLE.get(d).get(i), d * 256 + i);
            }
        }
    }

    private TokenDictionary() {
    }

    /** Index 1..235, or -1. */
    static int single(String s) {
        return SINGLE_INDEX.getOrDefault(s, -1);
    }

    /** dictionary * 256 + index, or -1. */
    static int doubleByte(String s) {
        return DOUBLE_INDEX.getOrDefault(s, -1);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = TokenDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing token file " + resource);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
