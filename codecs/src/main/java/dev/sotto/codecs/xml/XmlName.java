package dev.sotto.codecs.xml;

/**
 * A qualified name as written (XML-Names §4 QName): the tokenizer hands these out from its {@link NameTable},
 * already checked against the Name productions, so repeated names cost no allocation.
 *
 * @param qname the name as written
 * @param prefix the prefix, {@code ""} when unprefixed
 * @param localName the local part
 */
public record XmlName(String qname, String prefix, String localName) {}
