package dev.sotto.vectors.sip;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipParser;
import dev.sotto.codecs.sip.SipViolation;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks one torture message against its verdict (used by the suite and by the JUnit test). */
public final class TortureCheck {

    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^(Content-Length|l)[ \\t]*:[ \\t]*\\d+");

    private TortureCheck() {
    }

    /** Null when the parser does what the verdict says, else why not. */
    public static String check(TortureCase c, byte[] bytes) {
        byte[] input = bytes;
        if (c.published().equals("content-length-exceeds-body")) {
            // Read as published: RFC 3261 §18.3 (and RFC 4475 §3.1.2.2) make a short datagram a 400
            DecodeResult<SipMessage> asIs = SipParser.defaults().parseDatagram(bytes);
            if (!(asIs instanceof DecodeResult.Malformed<SipMessage> m)
                    || !m.condition().equals("body-truncated:Content-Length")) {
                return "published bytes: expected body-truncated, got " + describe(asIs);
            }
            input = withActualContentLength(bytes);
        } else if (!c.published().equals("as-is")) {
            return "unknown published value " + c.published();
        }
        DecodeResult<SipMessage> r = SipParser.defaults().parseDatagram(input);
        if (c.accept()) {
            if (!(r instanceof DecodeResult.Ok<SipMessage> ok)) {
                return "expected accept, got " + describe(r);
            }
            Set<String> got = new TreeSet<>();
            for (SipViolation v : ok.value().violations()) {
                got.add(v.name());
            }
            if (!got.equals(c.violations())) {
                return "expected violations " + c.violations() + ", got " + got;
            }
            return null;
        }
        if (!(r instanceof DecodeResult.Malformed<SipMessage> m) || !m.condition().equals(c.condition())) {
            return "expected reject " + c.condition() + ", got " + describe(r);
        }
        return null;
    }

    /** The message with its Content-Length set to the number of body bytes it really carries. */
    public static byte[] withActualContentLength(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int crlf = s.indexOf("\r\n\r\n");
        int lf = s.indexOf("\n\n");
        int headEnd = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf + 2;
        int bodyLength = bytes.length - headEnd;
        String head = s.substring(0, headEnd);
        Matcher m = CONTENT_LENGTH.matcher(head);
        String fixed = m.replaceFirst("Content-Length: " + bodyLength);
        return (fixed + s.substring(headEnd)).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String describe(DecodeResult<SipMessage> r) {
        if (r instanceof DecodeResult.Malformed<SipMessage> m) {
            return "reject " + m.condition() + " at " + m.offset();
        }
        if (r instanceof DecodeResult.Ok<SipMessage> ok) {
            return "accept " + ok.value().violations();
        }
        return "need-more";
    }
}
