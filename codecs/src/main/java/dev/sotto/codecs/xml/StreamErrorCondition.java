package dev.sotto.codecs.xml;

/**
 * The stream error conditions of RFC 6120 §4.9.3 that the XMPP-profile XML decoder reports. The engine sends
 * {@link #elementName()} inside {@code <stream:error/>} (RFC 6120 §4.9.2).
 */
public enum StreamErrorCondition {
    /** RFC 6120 §4.9.3.1: XML that cannot be processed (here: character data directly inside the stream). */
    BAD_FORMAT("bad-format"),
    /** RFC 6120 §4.9.3.2 and §4.8.5: a stream namespace prefix other than {@code stream}. */
    BAD_NAMESPACE_PREFIX("bad-namespace-prefix"),
    /** RFC 6120 §4.9.3.10 and §4.8.1: wrong stream namespace or unsupported content namespace. */
    INVALID_NAMESPACE("invalid-namespace"),
    /** RFC 6120 §4.9.3.13 and §11.3: not XML-well-formed or not namespace-well-formed. */
    NOT_WELL_FORMED("not-well-formed"),
    /** RFC 6120 §4.9.3.14: a configured limit ({@link XmlLimits}) was exceeded. */
    POLICY_VIOLATION("policy-violation"),
    /** RFC 6120 §4.9.3.18 and §11.1: comment, processing instruction, DTD or entity reference. */
    RESTRICTED_XML("restricted-xml"),
    /** RFC 6120 §4.9.3.22 and §11.6: not UTF-8, or bytes that break the rules of UTF-8. */
    UNSUPPORTED_ENCODING("unsupported-encoding");

    private final String elementName;

    StreamErrorCondition(String elementName) {
        this.elementName = elementName;
    }

    /** The condition's element name in {@code urn:ietf:params:xml:ns:xmpp-streams}. */
    public String elementName() {
        return elementName;
    }

    /** The condition for an element name, or {@code null} when this decoder never reports it. */
    public static StreamErrorCondition fromElementName(String name) {
        for (StreamErrorCondition c : values()) {
            if (c.elementName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
