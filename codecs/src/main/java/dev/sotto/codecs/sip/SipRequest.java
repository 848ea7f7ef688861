package dev.sotto.codecs.sip;

import java.util.Arrays;
import java.util.Set;

/** A request (RFC 3261 §7.1): Method SP Request-URI SP SIP-Version, headers, body. */
public record SipRequest(String method, Uri requestUri, String version, SipHeaders headers, byte[] body,
                         Set<SipViolation> violations) implements SipMessage {

    public SipRequest {
        if (!Lex.isToken(method)) {
            throw new IllegalArgumentException("method must be a token");
        }
        if (requestUri == null || headers == null) {
            throw new IllegalArgumentException("missing request-URI or headers");
        }
        body = body == null ? new byte[0] : body;
        violations = Set.copyOf(violations);
    }

    public SipRequest(String method, Uri requestUri, SipHeaders headers, byte[] body) {
        this(method, requestUri, "SIP/2.0", headers, body == null ? null : body.clone(), Set.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipRequest r && r.method.equals(method) && r.requestUri.equals(requestUri)
                && r.version.equals(version) && r.headers.equals(headers) && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + headers.hashCode();
    }

    /** No header values or body: they may carry personal data or keys (an SDP a=crypto line). */
    @Override
    public String toString() {
        return "SipRequest[" + method + ", headers=" + headers.fields().size() + ", body=" + body.length + " bytes]";
    }
}
