package dev.sotto.codecs.sip;

import java.util.List;
import java.util.Optional;

/**
 * An ordered list of parameters; names compare case-insensitively (RFC 3261 §7.3.1).
 *
 * <p>Two forms with one behaviour. Built in code, it holds a list of {@link Parameter}s. Made by the parser, it is
 * a view over the bytes of the message: the parser has checked every parameter against the grammar and kept only
 * where each name and value lies ({@code pos}: name from, name to, value from, value to; value from is -1 for a
 * parameter without a value), so a lookup compares the name's bytes and makes a String only for the value asked
 * for, and the {@link Parameter} list is made only when {@link #list()} is called. Immutable (the list is made at
 * most once per thread that asks; each one is an immutable List.of, so a race only makes it twice).
 */
public final class Parameters {

    public static final Parameters NONE = new Parameters(List.of());

    private final List<Parameter> list; // the list form's parameters; null for a view
    private List<Parameter> made;       // a view's list, once asked for
    private final byte[] src;   // null for the list form
    private final int[] pos;    // 4 ints per parameter from base
    private final int base;
    private final int count;
    // a view's index of its first parameter called "tag" in any case (-1: none) when the parser found it on the way
    // (generic-params of From, To, Contact, Route), so NameAddress.tag() needs no look-up; else UNKNOWN
    private final int tagAt;
    static final int UNKNOWN = -2;
    private static final String TAG = "tag";

    public Parameters(List<Parameter> list) {
        this.list = List.copyOf(list);
        this.src = null;
        this.pos = null;
        this.base = 0;
        this.count = this.list.size();
        this.tagAt = UNKNOWN;
    }

    /** A parsed view: parameter k is described by {@code pos[base + 4k .. base + 4k + 4)} over {@code src}. */
    Parameters(byte[] src, int[] pos, int base, int count, int tagAt) {
        this.list = null;
        this.src = src;
        this.pos = pos;
        this.base = base;
        this.count = count;
        this.tagAt = tagAt;
    }

    public static Parameters of(Parameter... ps) {
        return new Parameters(List.of(ps));
    }

    /** The first {@code n} parameters of {@code ps}, in code order. */
    static Parameters of(Parameter[] ps, int n) {
        return n == 0 ? NONE : new Parameters(List.of(java.util.Arrays.copyOf(ps, n)));
    }

    /** The parameters in order, as written: a quoted-string value keeps its quotes, a URI one its escapes. */
    public List<Parameter> list() {
        if (src == null) {
            return list;
        }
        List<Parameter> l = made;
        if (l == null) {
            Parameter[] out = new Parameter[count];
            for (int k = 0; k < count; k++) {
                out[k] = parameter(k);
            }
            l = List.of(out);
            made = l;
        }
        return l;
    }

    public boolean has(String name) {
        return index(name) >= 0;
    }

    /** The raw value of the first parameter called {@code name}; empty if absent or valueless. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The raw value of the first parameter called {@code name}, or null if absent or valueless. */
    String value(String name) {
        int k = index(name);
        return k < 0 ? null : value(k);
    }

    /** The first parameter called {@code name}, or null. */
    public Parameter find(String name) {
        int k = index(name);
        return k < 0 ? null : src == null ? list.get(k) : parameter(k);
    }

    /** {@link Parameter#unquotedValue()} of the first parameter called {@code name}, or null. */
    String unquotedValue(String name) {
        int k = index(name);
        if (k < 0) {
            return null;
        }
        if (src == null) {
            return list.get(k).unquotedValue();
        }
        int a = pos[base + 4 * k + 2];
        return a < 0 ? null : Lex.unquote(src, a, pos[base + 4 * k + 3]);
    }

    /**
     * The value of the first parameter called {@code name} read as 1*DIGIT up to {@code max}, -1 when absent or
     * valueless, -2 when the value is not such a number.
     */
    long digits(String name, long max) {
        return digitsAt(index(name), max);
    }

    /** The raw value of parameter {@code k} (null when {@code k} is -1 or the parameter has no value). */
    String valueAt(int k) {
        return k < 0 ? null : value(k);
    }

    /** {@link #digits(String, long)} of parameter {@code k}; -1 when {@code k} is -1. */
    long digitsAt(int k, long max) {
        if (k < 0) {
            return -1;
        }
        if (src == null) {
            String v = list.get(k).value();
            return v == null ? -1 : orBad(Lex.digits(v, 0, v.length(), max));
        }
        int a = pos[base + 4 * k + 2];
        return a < 0 ? -1 : orBad(Lex.digits(src, a, pos[base + 4 * k + 3], max));
    }

    private static long orBad(long v) {
        return v < 0 ? -2 : v;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The index of the first parameter called {@code name}, or -1. */
    private int index(String name) {
        if (src == null) {
            for (int k = 0; k < count; k++) {
                String n = list.get(k).name();
                // the parser shares constants for the usual names ("tag", "branch"...), so == usually decides
                if (n == name || n.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return -1;
        }
        if (name == TAG && tagAt != UNKNOWN) {
            return tagAt; // the very literal NameAddress.tag() passes: the parser found it already
        }
        int len = name.length();
        if (len == 0) {
            return -1; // a parsed name is never empty
        }
        char first = name.charAt(0);
        // ASCII letters compare by their case-folded form; any other first char goes to sameName at once
        int fold = first < 128 && Lex.isAlpha((byte) first) ? first | 0x20 : -1;
        int[] p = pos;
        byte[] s = src;
        for (int k = 0, j = base; k < count; k++, j += 4) {
            int a = p[j];
            if (p[j + 1] - a == len && (fold < 0 || (s[a] | 0x20) == fold) && sameName(a, name, len)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * {@code String.equalsIgnoreCase} of the parsed name at {@code a} (ASCII: a token or an escaped URI parameter
     * name, so one byte per char) and {@code name}, without making the String.
     */
    private boolean sameName(int a, String name, int len) {
        for (int i = 0; i < len; i++) {
            char c1 = (char) (src[a + i] & 0xff);
            char c2 = name.charAt(i);
            if (c1 == c2) {
                continue;
            }
            if (c2 < 128) {
                if ((c1 | 0x20) != (c2 | 0x20) || !Lex.isAlpha((byte) c1)) {
                    return false;
                }
                continue;
            }
            // as String.regionMatches(true, ...) compares chars: a non-ASCII char may fold to an ASCII letter
            char u1 = Character.toUpperCase(c1);
            char u2 = Character.toUpperCase(c2);
            if (u1 != u2 && Character.toLowerCase(u1) != Character.toLowerCase(u2)) {
                return false;
            }
        }
        return true;
    }

    private String value(int k) {
        if (src == null) {
            return list.get(k).value();
        }
        int a = pos[base + 4 * k + 2];
        if (a < 0) {
            return null;
        }
        // only a quoted-string may hold non-ASCII (UTF-8) text; a token, host or URI parameter value is ASCII
        int b = pos[base + 4 * k + 3];
        return src[a] == '"' ? Lex.str(src, a, b) : Lex.ascii(src, a, b);
    }

    private Parameter parameter(int k) {
        int p = base + 4 * k;
        return new Parameter(Lex.word(src, pos[p], pos[p + 1]), value(k));
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    void appendTo(StringBuilder b) {
        List<Parameter> l = list();
        for (int i = 0; i < l.size(); i++) {
            Parameter p = l.get(i);
            b.append(';').append(p.name());
            if (p.value() != null) {
                b.append('=').append(p.value());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.list().equals(list());
    }

    @Override
    public int hashCode() {
        return list().hashCode();
    }

    @Override
    public String toString() {
        return "Parameters[list=" + list() + "]";
    }
}
