package dev.sotto.codecs.xml;

/**
 * Every limit of the XMPP-profile XML decoder, in one place (DESIGN.md, Rules: untrusted input never crashes
 * us). Exceeding any of them ends the stream with {@code policy-violation} (RFC 6120 §4.9.3.14).
 *
 * @param maxStanzaBytes bytes of one first-level element, from its {@code <} to its last {@code >}; the stream
 *     header (with any XML declaration before it) is held to the same bound
 * @param maxDepth nesting depth below the stream element (a first-level element has depth 1)
 * @param maxAttributes attributes per start tag, namespace declarations included
 * @param maxNameBytes UTF-8 bytes of an element, attribute or entity name (prefix included)
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes, int maxNameBytes) {

    /** The defaults: stanza 256 KiB, depth 64, 64 attributes, names 1 KiB. */
    public static final XmlLimits DEFAULTS = new XmlLimits(256 * 1024, 64, 64, 1024);

    public XmlLimits {
        if (maxStanzaBytes < 64 || maxDepth < 1 || maxAttributes < 1 || maxNameBytes < 8) {
            throw new IllegalArgumentException("limits too small to carry a stream header");
        }
    }
}
