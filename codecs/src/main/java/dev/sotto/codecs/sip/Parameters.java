package dev.sotto.codecs.sip;

import java.util.List;
import java.util.Optional;

/** An ordered list of parameters; names compare case-insensitively (RFC 3261 §7.3.1). */
public record Parameters(List<Parameter> list) {

    public static final Parameters NONE = new Parameters(List.of());

    public Parameters {
        list = List.copyOf(list);
    }

    public static Parameters of(Parameter... ps) {
        return new Parameters(List.of(ps));
    }

    /** The first {@code n} parameters of {@code ps} (the parser's scratch array), copied at most once. */
    static Parameters of(Parameter[] ps, int n) {
        switch (n) {
            case 0:
                return NONE;
            case 1:
                return new Parameters(List.of(ps[0]));
            case 2:
                return new Parameters(List.of(ps[0], ps[1]));
            case 3:
                return new Parameters(List.of(ps[0], ps[1], ps[2]));
            default:
                return new Parameters(List.of(n == ps.length ? ps : java.util.Arrays.copyOf(ps, n)));
        }
    }

    public boolean has(String name) {
        return find(name) != null;
    }

    /** The raw value of the first parameter called {@code name}; empty if absent or valueless. */
    public Optional<String> get(String name) {
        Parameter p = find(name);
        return p == null ? Optional.empty() : Optional.ofNullable(p.value());
    }

    /** The first parameter called {@code name}, or null. */
    public Parameter find(String name) {
        for (int i = 0; i < list.size(); i++) {
            Parameter p = list.get(i);
            // the parser shares constants for the usual names ("tag", "branch"...), so == usually decides
            if (p.name() == name || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    void appendTo(StringBuilder b) {
        for (int i = 0; i < list.size(); i++) {
            Parameter p = list.get(i);
            b.append(';').append(p.name());
            if (p.value() != null) {
                b.append('=').append(p.value());
            }
        }
    }
}
