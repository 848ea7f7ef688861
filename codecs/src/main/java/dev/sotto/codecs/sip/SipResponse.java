package dev.sotto.codecs.sip;

import java.util.Arrays;
import java.util.Set;

/** A response (RFC 3261 §7.2): SIP-Version SP Status-Code SP Reason-Phrase, headers, body. */
public record SipResponse(String version, int statusCode, String reasonPhrase, SipHeaders headers, byte[] body,
                          Set<SipViolation> violations) implements SipMessage {

    public SipResponse {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range");
        }
        if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0 || headers == null) {
            throw new IllegalArgumentException("bad reason phrase or missing headers");
        }
        body = body == null ? new byte[0] : body;
        violations = Set.copyOf(violations);
    }

    public SipResponse(int statusCode, String reasonPhrase, SipHeaders headers, byte[] body) {
        this("SIP/2.0", statusCode, reasonPhrase, headers, body == null ? null : body.clone(), Set.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipResponse r && r.statusCode == statusCode && r.reasonPhrase.equals(reasonPhrase)
                && r.version.equals(version) && r.headers.equals(headers) && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return statusCode * 31 + headers.hashCode();
    }

    @Override
    public String toString() {
        return "SipResponse[" + statusCode + ", headers=" + headers.fields().size() + ", body=" + body.length
                + " bytes]";
    }
}
