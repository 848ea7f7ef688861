package dev.sotto.codecs.otr;

import dev.sotto.codecs.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Text-level OTR messages: classification of received messages and construction of sent ones. */
public final class OtrTextCodec {

    /** OTR v3 "Tagged plaintext messages": the 16-byte base tag. */
    public static final String WHITESPACE_BASE = "\u0020\t\u0020\u0020\t\t\t\t\u0020\t\u0020\t\u0020\t\u0020\u0020";
    public static final String WHITESPACE_V1 = "\u0020\t\u0020\t\u0020\u0020\t\u0020";
    public static final String WHITESPACE_V2 = "\u0020\u0020\t\t\u0020\u0020\t\u0020";
    public static final String WHITESPACE_V3 = "\u0020\u0020\t\t\u0020\u0020\t\t";

    private static final String FRAGMENT_V3 = "?OTR|";
    private static final String FRAGMENT_V2 = "?OTR,";
    private static final String ENCODED = "?OTR:";
    private static final String ERROR = "?OTR Error:";

    private OtrTextCodec() {}

    /** Classifies a received message. Never throws. */
    public static DecodeResult<OtrText> decode(String text, OtrLimits limits) {
        if (text.length() > limits.maxMessageChars()) {
            return DecodeResult.malformed("message too long", limits.maxMessageChars());
        }
        // OTR v3 "Fragmentation": check for "?OTR|" before any other "?OTR:" marker.
        int at = text.indexOf(FRAGMENT_V3);
        if (at >= 0) {
            return fragment(text, at, 3, limits);
        }
        at = text.indexOf(FRAGMENT_V2);
        if (at >= 0) {
            return fragment(text, at, 2, limits);
        }
        at = text.indexOf(ENCODED);
        if (at >= 0) {
            return encoded(text, at, limits);
        }
        at = text.indexOf(ERROR);
        if (at >= 0) {
            return DecodeResult.ok(new OtrText.ErrorMessage(text.substring(at + ERROR.length()).trim()), text.length());
        }
        DecodeResult<OtrText> query = query(text);
        if (query != null) {
            return query;
        }
        return DecodeResult.ok(whitespace(text), text.length());
    }

    private static DecodeResult<OtrText> query(String text) {
        int from = 0;
        while (true) {
            int at = text.indexOf("?OTR", from);
            if (at < 0) {
                return null;
            }
            int i = at + 4;
            Set<Integer> versions = new LinkedHashSet<>();
            boolean valid = false;
            if (i < text.length() && text.charAt(i) == '?') {
                versions.add(1);
                valid = true;
                i++;
            }
            if (i < text.length() && text.charAt(i) == 'v') {
                int end = text.indexOf('?', i + 1);
                if (end >= 0) {
                    for (int j = i + 1; j < end; j++) {
                        char c = text.charAt(j);
                        if (c >= '1' && c <= '9') {
                            versions.add(c - '0');
                        }
                    }
                    valid = true;
                }
            }
            if (valid) {
                return DecodeResult.ok(new OtrText.QueryMessage(versions), text.length());
            }
            from = at + 1;
        }
    }

    private static OtrText whitespace(String text) {
        int at = text.indexOf(WHITESPACE_BASE);
        if (at < 0) {
            return new OtrText.Plaintext(text, false, Set.of());
        }
        Set<Integer> versions = new LinkedHashSet<>();
        int i = at + WHITESPACE_BASE.length();
        while (i + 8 <= text.length()) {
            String tag = text.substring(i, i + 8);
            if (tag.equals(WHITESPACE_V1)) {
                versions.add(1);
            } else if (tag.equals(WHITESPACE_V2)) {
                versions.add(2);
            } else if (tag.equals(WHITESPACE_V3)) {
                versions.add(3);
            } else if (!tag.chars().allMatch(c -> c == ' ' || c == '\t')) {
                break;
            }
            i += 8;
        }
        // Eight whitespace characters that are no version we know are a future version: strip them too.
        String stripped = text.substring(0, at) + text.substring(i);
        return new OtrText.Plaintext(stripped, true, versions);
    }

    private static DecodeResult<OtrText> encoded(String text, int at, OtrLimits limits) {
        int start = at + ENCODED.length();
        int end = text.indexOf('.', start);
        if (end < 0) {
            return DecodeResult.malformed("no terminating period", text.length());
        }
        byte[] binary = base64(text, start, end);
        if (binary == null) {
            return DecodeResult.malformed("malformed base64", start);
        }
        DecodeResult<EncodedMessage> m = OtrMessageCodec.decode(binary, limits);
        if (m instanceof DecodeResult.Malformed<EncodedMessage> bad) {
            return DecodeResult.malformed(bad.condition(), start);
        }
        EncodedMessage msg = ((DecodeResult.Ok<EncodedMessage>) m).value();
        return DecodeResult.ok(new OtrText.Encoded(msg), text.length());
    }

    /** The RFC 4648 base-64 alphabet (without '='), as a lookup table over ASCII. */
    private static final boolean[] BASE64_ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            BASE64_ALPHABET[c] = true;
        }
    }

    /** Strict base-64 (RFC 4648 alphabet, padding required); null when malformed. */
    static byte[] base64(String text, int start, int end) {
        int len = end - start;
        if (len % 4 != 0) {
            return null;
        }
        int padding = 0;
        if (len >= 1 && text.charAt(end - 1) == '=') {
            padding = len >= 2 && text.charAt(end - 2) == '=' ? 2 : 1;
        }
        byte[] ascii = new byte[len];
        for (int i = 0; i < len; i++) {
            char c = text.charAt(start + i);
            if (i >= len - padding) {
                if (c != '=') {
                    return null;
                }
            } else if (c >= 128 || !BASE64_ALPHABET[c]) {
                return null;
            }
            ascii[i] = (byte) c;
        }
        try {
            return Base64.getDecoder().decode(ascii);
        } catch (IllegalArgumentException e) {
            return null; // non-canonical trailing bits: still malformed, as a value
        }
    }

    private static DecodeResult<OtrText> fragment(String text, int at, int version, OtrLimits limits) {
        int i = at + 5;
        int sender = 0;
        int receiver = 0;
        if (version == 3) {
            int bar = text.indexOf('|', i);
            int comma = bar < 0 ? -1 : text.indexOf(',', bar);
            if (bar < 0 || comma < 0) {
                return DecodeResult.malformed("malformed fragment header", i);
            }
            long s = hex(text, i, bar);
            long r = hex(text, bar + 1, comma);
            if (s < 0 || r < 0) {
                return DecodeResult.malformed("malformed instance tag", i);
            }
            sender = (int) s;
            receiver = (int) r;
            i = comma + 1;
        }
        int c1 = text.indexOf(',', i);
        int c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
        if (c1 < 0 || c2 < 0) {
            return DecodeResult.malformed("malformed fragment header", i);
        }
        int k = decimalShort(text, i, c1);
        int n = decimalShort(text, c1 + 1, c2);
        if (k < 0 || n < 0) {
            return DecodeResult.malformed("malformed fragment number", i);
        }
        int end = text.indexOf(',', c2 + 1);
        if (end < 0) {
            return DecodeResult.malformed("unterminated fragment", text.length());
        }
        String piece = text.substring(c2 + 1, end);
        if (piece.isEmpty()) {
            return DecodeResult.malformed("empty fragment", c2 + 1);
        }
        if (k == 0 || n == 0 || k > n || n > limits.maxFragments()) {
            return DecodeResult.malformed("illegal fragment number", i);
        }
        return DecodeResult.ok(new OtrText.Fragment(version, sender, receiver, k, n, piece), text.length());
    }

    private static long hex(String s, int from, int to) {
        if (to - from < 1 || to - from > 8) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static int decimalShort(String s, int from, int to) {
        if (to - from < 1 || to - from > 10) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > 65535 ? -1 : (int) v;
    }

    // ----- construction -----

    /** "?OTR:" base-64 ".". */
    public static String encode(EncodedMessage m) {
        return ENCODED + Base64.getEncoder().encodeToString(OtrMessageCodec.encode(m)) + ".";
    }

    /** A Query Message offering {@code versions} (2 and/or 3), e.g. "?OTRv23?". */
    public static String query(Set<Integer> versions) {
        StringBuilder b = new StringBuilder("?OTRv");
        versions.stream().sorted().forEach(v -> b.append(v));
        return b.append('?').toString();
    }

    /** The whitespace tag for {@code versions} (2 and/or 3). */
    public static String whitespaceTag(Set<Integer> versions) {
        StringBuilder b = new StringBuilder(WHITESPACE_BASE);
        if (versions.contains(2)) {
            b.append(WHITESPACE_V2);
        }
        if (versions.contains(3)) {
            b.append(WHITESPACE_V3);
        }
        return b.toString();
    }

    /** An OTR Error Message. */
    public static String error(String details) {
        return ERROR + " " + details;
    }

    /**
     * Splits an encoded message into fragments no longer than {@code maxSize} characters (OTR v3
     * "Transmitting Fragments"); returns the message itself when it fits.
     */
    public static List<String> fragment(String message, int maxSize, int version, int sender, int receiver) {
        if (message.length() <= maxSize) {
            return List.of(message);
        }
        int overhead = version == 3 ? 36 : 18; // "?OTR|xxxxxxxx|xxxxxxxx,kkkkk,nnnnn," + "," ; v2 without tags
        int pieceSize = maxSize - overhead;
        if (pieceSize < 1) {
            throw new IllegalArgumentException("fragment size too small");
        }
        int n = (message.length() + pieceSize - 1) / pieceSize;
        if (n > 65535) {
            throw new IllegalArgumentException("too many fragments");
        }
        List<String> out = new ArrayList<>(n);
        for (int k = 1; k <= n; k++) {
            String piece = message.substring((k - 1) * pieceSize, Math.min(message.length(), k * pieceSize));
            if (version == 3) {
                out.add(String.format("?OTR|%08x|%08x,%05d,%05d,%s,", sender, receiver, k, n, piece));
            } else {
                out.add(String.format("?OTR,%05d,%05d,%s,", k, n, piece));
            }
        }
        return out;
    }

    /** UTF-8 bytes of a text message (what travels in the chat body). */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
