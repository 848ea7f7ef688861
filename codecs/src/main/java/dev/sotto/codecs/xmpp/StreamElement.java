package dev.sotto.codecs.xmpp;

import dev.sotto.codecs.xml.XmlElement;

/**
 * A first-level element of the stream (RFC 6120 §4.1): a stanza, stream features, a SASL or STARTTLS element,
 * a stream error.
 */
public record StreamElement(XmlElement element) implements StreamEvent {}
