package dev.sotto.codecs.xml;

/**
 * What {@link XmlTokenizer} reports, one call per token (like OkHttp's {@code Http2Reader.Handler}: the reader
 * parses, the handler owns all state above tokens). A handler may call {@link XmlTokenizer#fail} to end the
 * stream with a condition, or {@link XmlTokenizer#pause} to make {@link XmlTokenizer#feed} return right after
 * the current token.
 */
public interface XmlTokenHandler {

    /** The XML declaration at the very start of the stream (RFC 6120 §11.5). */
    void xmlDeclaration(XmlDeclaration declaration);

    /**
     * A start tag. The arrays are reused by the tokenizer: copy what you keep.
     *
     * @param depth 0 for the stream element, 1 for a first-level element, ...
     */
    void startElement(XmlName name, XmlName[] attributeNames, String[] attributeValues, int attributeCount,
            int depth);

    /** An end tag (or the end of an empty-element tag) matching the start tag at {@code depth}. */
    void endElement(XmlName name, int depth);

    /** Character data inside a first-level element; {@code depth} is that of the enclosing element. */
    void text(String text, int depth);
}
