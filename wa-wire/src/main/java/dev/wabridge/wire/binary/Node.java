package dev.wabridge.wire.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A protocol node ("binary XML"): a tag, attributes (String or {@link Jid} values, in order)
 * and content, which is nothing, bytes, or child nodes.
 */
public final class Node {
    private final String tag;
    private final Map<String, Object> attrs;
    private final Object content;

    private Node(String tag, Map<String, Object> attrs, Object content) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.attrs = Collections.unmodifiableMap(attrs);
        this.content = content;
    }

    public static Node of(String tag) {
        return new Node(tag, new LinkedHashMap<>(), null);
    }

    public static Node of(String tag, Map<String, ?> attrs) {
        return new Node(tag, copy(attrs), null);
    }

    public static Node of(String tag, Map<String, ?> attrs, byte[] content) {
        return new Node(tag, copy(attrs), content == null ? null : content.clone());
    }

    public static Node of(String tag, Map<String, ?> attrs, List<Node> children) {
        return new Node(tag, copy(attrs), children == null ? null : List.copyOf(children));
    }

    /** Attribute pairs in order: key, value, key, value ... (value String or Jid). */
    public static Map<String, Object> attrs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> copy(Map<String, ?> attrs) {
        Map<String, Object> m = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
            if (!(v instanceof String) && !(v instanceof Jid)) {
                throw new IllegalArgumentException("attribute " + k + " must be a String or a Jid");
            }
            m.put(k, v);
        });
        return m;
    }

    public String tag() {
        return tag;
    }

    public Map<String, Object> attrs() {
        return attrs;
    }

    public String attr(String name) {
        Object v = attrs.get(name);
        return v == null ? null : v.toString();
    }

    public Optional<Jid> jid(String name) {
        Object v = attrs.get(name);
        if (v instanceof Jid j) {
            return Optional.of(j);
        }
        return v == null ? Optional.empty() : Optional.of(Jid.parse(v.toString()));
    }

    /**
     * The attribute as a JID, or empty when it is missing or is not a JID: for stanzas from the
     * network, whose attributes a handler must not trust to parse.
     */
    public Optional<Jid> jidIfValid(String name) {
        try {
            return jid(name);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Null, byte[] or List<Node>. */
    public Object content() {
        return content instanceof byte[] b ? b.clone() : content;
    }

    public byte[] bytes() {
        return content instanceof byte[] b ? b.clone() : null;
    }

    @SuppressWarnings("unchecked")
    public List<Node> children() {
        return content instanceof List<?> l ? (List<Node>) l : List.of();
    }

    public Optional<Node> child(String childTag) {
        return children().stream().filter(c -> c.tag.equals(childTag)).findFirst();
    }

    public List<Node> children(String childTag) {
        List<Node> out = new ArrayList<>();
        for (Node c : children()) {
            if (c.tag.equals(childTag)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Node n)) {
            return false;
        }
        if (!tag.equals(n.tag) || !attrs.equals(n.attrs)) {
            return false;
        }
        if (content instanceof byte[] a && n.content instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(content, n.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, attrs, content instanceof byte[] b ? Arrays.hashCode(b) : content);
    }

    /** XML-like text for logs; byte content is shown by length only (it may hold secrets). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(tag);
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        if (content == null) {
            return sb.append("/>").toString();
        }
        sb.append('>');
        if (content instanceof byte[] b) {
            sb.append("[").append(b.length).append(" bytes]");
        } else {
            children().forEach(sb::append);
        }
        return sb.append("</").append(tag).append('>').toString();
    }
}
