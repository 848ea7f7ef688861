package dev.sotto.codecs.xml;

/**
 * Character data: a maximal run of text, entity and character references and CDATA sections between two tags,
 * after line-end normalization (XML 1.0 §2.11). Never empty. {@code toString()} does not print the text: it may
 * be a message body (DESIGN.md, Secrets).
 */
public record XmlText(String text) implements XmlNode {

    public XmlText {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty text node");
        }
    }

    @Override
    public String toString() {
        return "XmlText[" + text.length() + " chars]";
    }
}
