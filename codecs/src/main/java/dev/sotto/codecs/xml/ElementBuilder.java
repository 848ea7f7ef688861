package dev.sotto.codecs.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * A small builder for element trees, so engine code reads like the stanza it sends. Adjacent text is merged
 * and empty text is dropped, so built trees compare equal to decoded ones.
 */
public final class ElementBuilder {
    private final String namespace;
    private final String localName;
    private final List<XmlAttribute> attributes = new ArrayList<>();
    private final List<XmlNode> children = new ArrayList<>();

    private ElementBuilder(String namespace, String localName) {
        this.namespace = namespace;
        this.localName = localName;
    }

    /** An element {@code localName} in {@code namespace} ({@code ""} for none). */
    public static ElementBuilder element(String namespace, String localName) {
        return new ElementBuilder(namespace, localName);
    }

    /** Adds an unqualified attribute; a {@code null} value adds nothing. */
    public ElementBuilder attribute(String localName, String value) {
        return attribute("", localName, value);
    }

    /** Adds an attribute in {@code namespace}; a {@code null} value adds nothing. */
    public ElementBuilder attribute(String namespace, String localName, String value) {
        if (value != null) {
            attributes.add(new XmlAttribute(namespace, localName, value));
        }
        return this;
    }

    /** Adds a child element. */
    public ElementBuilder child(XmlElement child) {
        children.add(child);
        return this;
    }

    /** Adds a child element. */
    public ElementBuilder child(ElementBuilder child) {
        return child(child.build());
    }

    /** Adds character data, merged with text just before it. */
    public ElementBuilder text(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        int last = children.size() - 1;
        if (last >= 0 && children.get(last) instanceof XmlText t) {
            children.set(last, new XmlText(t.text() + text));
        } else {
            children.add(new XmlText(text));
        }
        return this;
    }

    /** Adds {@code <localName>text</localName>} in this element's namespace, e.g. a message body. */
    public ElementBuilder textChild(String localName, String text) {
        return child(element(namespace, localName).text(text));
    }

    public XmlElement build() {
        return new XmlElement(namespace, localName, attributes, children);
    }
}
