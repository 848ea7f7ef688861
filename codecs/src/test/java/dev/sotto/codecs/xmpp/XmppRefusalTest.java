package dev.sotto.codecs.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One test per refusal rule, with the RFC 6120 §4.9.3 condition the rule names. Each input runs whole, byte at a
 * time and at random splits ({@link Feeding}); the offset is that of the byte at which the
 * input can no longer be acceptable.
 */
class XmppRefusalTest {
    private static final String H = XmppStreamDecoderTest.HEADER;

    private static void refused(String input, String condition) {
        refused(input.getBytes(StandardCharsets.UTF_8), condition);
    }

    private static void refused(byte[] input, String condition) {
        Feeding.Outcome o = Feeding.decode(input);
        assertThat(o.condition()).as("condition").isEqualTo(condition);
    }

    private static void refusedAt(String input, String condition, String offendingSuffix) {
        Feeding.Outcome o = Feeding.decode(input.getBytes(StandardCharsets.UTF_8));
        assertThat(o.condition()).isEqualTo(condition);
        int expected = input.getBytes(StandardCharsets.UTF_8).length - offendingSuffix.getBytes(StandardCharsets.UTF_8).length;
        assertThat(o.offset()).as("offset").isEqualTo(expected);
    }

    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // RFC 6120 §11.1 and §4.9.3.18: restricted XML.

    @Test
    void commentInsideAStanzaIsRestrictedXml() {
        // The example of RFC 6120 §4.9.3.18; noticed at the first "-" after "<!".
        refusedAt(H + "<message to='juliet@im.example.com'>\n  <!--<subject/>-->", "restricted-xml",
                "--<subject/>-->");
    }

    @Test
    void commentInPrologIsRestrictedXml() {
        refused("<!-- hi -->" + H, "restricted-xml");
    }

    @Test
    void processingInstructionIsRestrictedXml() {
        refused(H + "<message><?php echo 1; ?></message>", "restricted-xml");
        refused("<?xml-stylesheet href='a'?>" + H, "restricted-xml");
    }

    @Test
    void xmlDeclarationNotAtTheStartIsRestrictedXml() {
        refused(" <?xml version='1.0'?>" + H.substring("<?xml version='1.0'?>".length()), "restricted-xml");
    }

    @Test
    void doctypeIsRestrictedXml() {
        refused("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY x 'y'>]>", "restricted-xml");
    }

    @Test
    void referenceToAnUndeclaredEntityIsRestrictedXml() {
        refused(H + "<message><body>&nbsp;</body></message>", "restricted-xml");
        refused(H + "<message a='&lol;'/>", "restricted-xml");
    }

    @Test
    void standaloneNoIsRestrictedXml() {
        // RFC 6120 §11.5.
        refused("<?xml version='1.0' standalone='no'?>", "restricted-xml");
    }

    @Test
    void xmlDeclarationWithAMalformedVersionOrEncodingNameIsNotWellFormed() {
        // XML 1.0 §2.8 VersionNum ::= '1.' [0-9]+; §4.3.3 EncName ::= [A-Za-z] ([A-Za-z0-9._] | '-')*.
        for (String v : new String[] {"2.0", "1.", "1", "1.0a", "1.x", " 1.0", "01.0"}) {
            refused("<?xml version='" + v + "'?>" + H.substring("<?xml version='1.0'?>".length()), "not-well-formed");
        }
        for (String e : new String[] {"-UTF-8", "8bit", "", "UTF 8", "UTF-8!"}) {
            refused("<?xml version='1.0' encoding='" + e + "'?>", "not-well-formed");
        }
    }

    @Test
    void invalidCharactersInNamesOfWholeTagsAreNotWellFormed() {
        refused(H + "<a\"b/>", "not-well-formed");
        refused(H + "<message to='x' a\"b='c'/>", "not-well-formed");
        refused(H + "<message><a/b></message>", "not-well-formed");
        refused(H + "<message></message!>", "not-well-formed");
        refused(H + "<message a<b='c'/>", "not-well-formed");
    }

    // RFC 6120 §11.6 and §4.9.3.22: unsupported encoding.

    @Test
    void encodingOtherThanUtf8IsUnsupportedEncoding() {
        refused("<?xml version='1.0' encoding='UTF-16'?>", "unsupported-encoding");
        refused("<?xml version='1.0' encoding='ISO-8859-1'?>", "unsupported-encoding");
    }

    @Test
    void overlongUtf8IsUnsupportedEncoding() {
        refused(bytes(H + "<message><body>", new int[] {0xC0, 0xBC}, "</body></message>"), "unsupported-encoding");
        refused(bytes(H + "<message><body>", new int[] {0xE0, 0x80, 0xBC}, "</body></message>"), "unsupported-encoding");
        refused(bytes(H + "<message><body>", new int[] {0xF0, 0x80, 0x80, 0xBC}, "</body></message>"), "unsupported-encoding");
    }

    @Test
    void encodedSurrogateIsUnsupportedEncoding() {
        // U+D800 as ED A0 80 (RFC 3629 §3: surrogates are not encodable).
        refused(bytes(H + "<message><body>", new int[] {0xED, 0xA0, 0x80}, "</body></message>"), "unsupported-encoding");
    }

    @Test
    void truncatedOrStrayUtf8IsUnsupportedEncoding() {
        refused(bytes(H + "<message><body>", new int[] {0xE2, 0x82}, "</body></message>"), "unsupported-encoding");
        refused(bytes(H + "<message><body>", new int[] {0x80}, "</body></message>"), "unsupported-encoding");
        refused(bytes(H + "<message><body>", new int[] {0xF5, 0x80, 0x80, 0x80}, "</body></message>"), "unsupported-encoding");
        refused(bytes(H + "<message><body>", new int[] {0xF4, 0x90, 0x80, 0x80}, "</body></message>"), "unsupported-encoding");
    }

    @Test
    void utf16ByteOrderMarkIsUnsupportedEncoding() {
        refused(bytes("", new int[] {0xFF, 0xFE, '<', 0}, ""), "unsupported-encoding");
    }

    // RFC 6120 §11.3 and §4.9.3.13: not well-formed.

    @Test
    void nonXmlCharactersAreNotWellFormed() {
        refused(bytes(H + "<message><body>", new int[] {0x01}, "</body></message>"), "not-well-formed");
        refused(bytes(H + "<message><body>", new int[] {0xEF, 0xBF, 0xBE}, "</body></message>"), "not-well-formed");
        refused(H + "<message><body>&#0;</body></message>", "not-well-formed");
        refused(H + "<message><body>&#xD800;</body></message>", "not-well-formed");
        refused(H + "<message><body>&#x110000;</body></message>", "not-well-formed");
    }

    @Test
    void byteOrderMarkIsAZeroWidthNoBreakSpaceBeforeTheHeaderSoNotWellFormed() {
        // RFC 6120 §11.6: U+FEFF is never a BOM; as a character before the root it breaks XML 1.0 §2.8.
        refused(bytes("", new int[] {0xEF, 0xBB, 0xBF}, H), "not-well-formed");
    }

    @Test
    void mismatchedEndTagIsNotWellFormed() {
        // The example of RFC 6120 §4.9.3.1 (bad-format is allowed there, not-well-formed is more specific).
        refusedAt(H + "<message>\n  <body>No closing tag!\n</message>", "not-well-formed", ">");
    }

    @Test
    void duplicateAttributeIsNotWellFormed() {
        refused(H + "<message to='a' to='b'/>", "not-well-formed");
    }

    @Test
    void duplicateExpandedAttributeNameIsNotWellFormed() {
        refused(H + "<message xmlns:a='urn:x' xmlns:b='urn:x' a:t='1' b:t='2'/>", "not-well-formed");
    }

    @Test
    void undeclaredElementPrefixIsNotWellFormed() {
        // The example of RFC 6120 §4.9.3.13.
        refused(H + "<message>\n  <foo:body>What is this foo?</foo:body>\n</message>", "not-well-formed");
    }

    @Test
    void undeclaredAttributePrefixIsNotWellFormed() {
        refused(H + "<message foo:bar='1'/>", "not-well-formed");
    }

    @Test
    void misuseOfReservedPrefixesIsNotWellFormed() {
        refused(H + "<message xmlns:xml='urn:not-xml'/>", "not-well-formed");
        refused(H + "<message xmlns:x='http://www.w3.org/XML/1998/namespace'/>", "not-well-formed");
        refused(H + "<message xmlns:xmlns='urn:x'/>", "not-well-formed");
        refused(H + "<message xmlns:p=''/>", "not-well-formed");
        refused(H + "<xmlns:message/>", "not-well-formed");
    }

    @Test
    void cdataEndInTextIsNotWellFormed() {
        refused(H + "<message><body>a]]>b</body></message>", "not-well-formed");
    }

    @Test
    void lessThanInAttributeValueIsNotWellFormed() {
        refused(H + "<message to='a<b'/>", "not-well-formed");
    }

    @Test
    void malformedNamesAndReferencesAreNotWellFormed() {
        refused(H + "<1message/>", "not-well-formed");
        refused(H + "<a:b:c/>", "not-well-formed");
        refused(H + "<message><body>&#xZZ;</body></message>", "not-well-formed");
        refused(H + "<message><body>&;</body></message>", "not-well-formed");
        refused(H + "<message a='1'b='2'/>", "not-well-formed");
        refused(H + "<message a=1/>", "not-well-formed");
    }

    @Test
    void contentAfterTheStreamCloseIsNotWellFormed() {
        refused(H + "</stream:stream><message/>", "not-well-formed");
    }

    @Test
    void endTagOfTheStreamWithWrongPrefixIsNotWellFormed() {
        refused(H + "</stream>", "not-well-formed");
    }

    // RFC 6120 §4.9.3.1: bad format.

    @Test
    void characterDataDirectlyInsideTheStreamIsBadFormat() {
        refusedAt(H + " hello", "bad-format", "hello");
        refused(H + "&amp;", "bad-format");
        refused(H + "<![CDATA[x]]>", "bad-format");
    }

    @Test
    void streamElementWithAnotherLocalNameIsBadFormat() {
        refused("<stream:flow xmlns:stream='http://etherx.jabber.org/streams'>", "bad-format");
    }

    // RFC 6120 §4.8 and §4.9.3.10 / §4.9.3.2: namespaces of the stream header.

    @Test
    void wrongStreamNamespaceIsInvalidNamespace() {
        // The example of RFC 6120 §4.9.3.10.
        refused("<?xml version='1.0'?><stream:stream from='juliet@im.example.com' to='im.example.com'"
                + " version='1.0' xmlns='jabber:client' xmlns:stream='http://wrong.namespace.example.org/'>",
                "invalid-namespace");
    }

    @Test
    void unsupportedContentNamespaceIsInvalidNamespace() {
        refused("<stream:stream xmlns='jabber:iq:roster' xmlns:stream='http://etherx.jabber.org/streams'>",
                "invalid-namespace");
    }

    @Test
    void stanzaInsteadOfStreamHeaderIsInvalidNamespace() {
        refused("<message xmlns='jabber:client'/>", "invalid-namespace");
    }

    @Test
    void streamPrefixOtherThanStreamIsBadNamespacePrefix() {
        // The example of RFC 6120 §4.9.3.2.
        refused("<?xml version='1.0'?><foobar:stream from='juliet@im.example.com' to='im.example.com'"
                + " version='1.0' xmlns='jabber:client' xmlns:foobar='http://etherx.jabber.org/streams'>",
                "bad-namespace-prefix");
    }

    // RFC 6120 §4.9.3.14: policy violation (limits, see also XmppLimitsTest).

    @Test
    void unterminatedXmlDeclarationLongerThanTheNameLimitIsPolicyViolation() {
        refused("<?xml version='1.0' " + " ".repeat(2000), "policy-violation");
    }
}
