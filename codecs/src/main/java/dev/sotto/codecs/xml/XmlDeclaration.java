package dev.sotto.codecs.xml;

/**
 * The XML declaration before a stream header (RFC 6120 §11.5; XML 1.0 §2.8 XMLDecl).
 *
 * @param version the VersionNum, e.g. {@code 1.0}
 * @param encoding the EncName, or {@code null} when absent (always UTF-8 when present: RFC 6120 §11.6)
 * @param standalone {@code yes} or {@code null} ({@code no} is refused: RFC 6120 §11.5)
 */
public record XmlDeclaration(String version, String encoding, String standalone) {}
