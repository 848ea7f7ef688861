package dev.sotto.codecs.xml;

import java.util.Arrays;

/**
 * In-scope namespace bindings (XML-Names §6.1): a stack of (prefix, namespace) pairs with one mark per open
 * element. {@code xml} is bound from the start; the empty prefix is the default namespace, {@code ""} when none.
 * Its size is bounded by the tokenizer's limits (depth × attributes).
 */
public final class NamespaceScope {
    private String[] prefixes = new String[16];
    private String[] uris = new String[16];
    private int count;
    private int[] marks = new int[16];
    private int levels;

    public NamespaceScope() {
        bind("xml", XmlNamespaces.XML);
        bind("", "");
    }

    /** Opens the scope of a new element. */
    public void push() {
        if (levels == marks.length) {
            marks = Arrays.copyOf(marks, levels * 2);
        }
        marks[levels++] = count;
    }

    /** Closes the innermost element's scope, dropping its declarations. */
    public void pop() {
        int to = marks[--levels];
        if (to != count) {
            Arrays.fill(prefixes, to, count, null);
            Arrays.fill(uris, to, count, null);
            count = to;
        }
    }

    /** Declares {@code prefix} (or the default namespace, for {@code ""}) in the innermost scope. */
    public void bind(String prefix, String uri) {
        if (count == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, count * 2);
            uris = Arrays.copyOf(uris, count * 2);
        }
        prefixes[count] = prefix;
        uris[count] = uri;
        count++;
    }

    /** The namespace bound to {@code prefix}, or {@code null} when it is not declared. */
    public String resolve(String prefix) {
        for (int k = count - 1; k >= 0; k--) {
            if (prefixes[k].equals(prefix)) {
                return uris[k];
            }
        }
        return null;
    }
}
