package dev.sotto.codecs.xml;

/** A node of a decoded element tree: an element or a run of character data. */
public sealed interface XmlNode permits XmlElement, XmlText {}
