package dev.sotto.codecs.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/** a=fmtp:&lt;format&gt; &lt;format specific parameters&gt; (RFC 8866 §6.15). */
public record Fmtp(String format, String parameters) {

    public Fmtp {
        if (!Sdp.isToken(format) || parameters == null || !Sdp.isLineText(parameters)) {
            throw new IllegalArgumentException("bad fmtp");
        }
    }

    public static Fmtp parse(String v) {
        int sp = v.indexOf(' ');
        if (sp <= 0 || !Sdp.isToken(v.substring(0, sp))) {
            return null;
        }
        return new Fmtp(v.substring(0, sp), v.substring(sp + 1));
    }

    /**
     * The common "name=value;name=value" form (used by most payload formats, e.g. RFC 7587 §7, RFC 4733 §2.4.1),
     * in order; a part without "=" maps to an empty value.
     */
    public Map<String, String> parameterMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            m.put(eq < 0 ? p : p.substring(0, eq).strip(), eq < 0 ? "" : p.substring(eq + 1).strip());
        }
        return m;
    }

    public String encode() {
        return format + " " + parameters;
    }
}
