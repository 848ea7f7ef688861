package dev.sotto.codecs.xmpp;

/** The closing stream tag {@code </stream:stream>} (RFC 6120 §4.4). */
public record StreamClose() implements StreamEvent {}
