package dev.sotto.codecs.xmpp;

/** What the XMPP stream decoder emits (RFC 6120 §4): the stream header, each first-level element, the close. */
public sealed interface StreamEvent permits StreamOpen, StreamElement, StreamClose {}
