package dev.sotto.codecs.sip;

import dev.sotto.codecs.DecodeResult;

/** A URI in a SIP message: sip/sips (RFC 3261 §19.1), tel (RFC 3966) or any other absoluteURI (RFC 3261 §25.1). */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme as written. */
    String scheme();

    /** The URI's text, ready to be written into a message. */
    String encode();

    /** Parses a URI; {@code Malformed("bad-uri", offset)} when it breaks its scheme's grammar. */
    static DecodeResult<Uri> parse(String text) {
        ParseContext ctx = new ParseContext();
        Uri u = UriParser.parse(text, ctx);
        return u == null ? DecodeResult.malformed("bad-uri", 0) : DecodeResult.ok(u, text.length());
    }
}
