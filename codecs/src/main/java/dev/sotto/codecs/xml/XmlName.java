package dev.sotto.codecs.xml;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A qualified name as written (XML-Names §4 QName): the tokenizer hands these out from its {@link NameTable},
 * already checked against the Name productions, so repeated names cost no allocation. What a handler asks of
 * every attribute name (is it a namespace declaration? has it a prefix?) is worked out once, here, rather than
 * by string comparisons per attribute.
 */
public final class XmlName {
    private final String qname;
    private final String prefix;
    private final String localName;
    private final boolean namespaceDeclaration;
    /** The name's UTF-8 bytes, as they appear in the input: an end tag is matched against them. */
    final byte[] utf8;

    /**
     * @param qname the name as written
     * @param prefix the prefix, {@code ""} when unprefixed
     * @param localName the local part
     */
    public XmlName(String qname, String prefix, String localName) {
        this.qname = Objects.requireNonNull(qname);
        this.prefix = Objects.requireNonNull(prefix);
        this.localName = Objects.requireNonNull(localName);
        // XML-Names §3: "xmlns" declares the default namespace, "xmlns:p" the prefix p.
        this.namespaceDeclaration = prefix.isEmpty() ? localName.equals("xmlns") : prefix.equals("xmlns");
        this.utf8 = qname.getBytes(StandardCharsets.UTF_8);
    }

    /** The name as written. */
    public String qname() {
        return qname;
    }

    /** The prefix, {@code ""} when unprefixed. */
    public String prefix() {
        return prefix;
    }

    /** The local part. */
    public String localName() {
        return localName;
    }

    /** Whether this attribute name declares a namespace: {@code xmlns} or {@code xmlns:*} (XML-Names §3). */
    public boolean isNamespaceDeclaration() {
        return namespaceDeclaration;
    }

    /** Whether the name has a prefix. */
    public boolean isPrefixed() {
        return !prefix.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmlName n && qname.equals(n.qname) && prefix.equals(n.prefix)
                && localName.equals(n.localName);
    }

    @Override
    public int hashCode() {
        return qname.hashCode();
    }

    @Override
    public String toString() {
        return "XmlName[" + qname + "]";
    }
}
