package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential: the corpus of realistic stanzas decodes to the same trees as the JDK's SAX parser gives
 * (namespace-aware, DTDs disabled), whole, byte at a time, in 1 KiB chunks and at random splits.
 */
class XmppSaxDifferentialTest {
    private static final long SEED = Long.getLong("sotto.test.seed", System.nanoTime());
    private static final VectorSource FILES = VectorSource.directory(Path.of("vectors"));

    @Test
    void corpusHasAtLeastThirtyStanzasAndMatchesSaxUnderAnyChunking() throws Exception {
        byte[] stream = FILES.read(XmppCorpus.CORPUS);
        SaxStreamReader.SaxStream sax = SaxStreamReader.read(stream);
        assertThat(sax.elements()).hasSizeGreaterThanOrEqualTo(30);
        Random r = new Random(SEED);
        for (int chunk : new int[] {stream.length, 1, 1024, 1 + r.nextInt(64), 1 + r.nextInt(512)}) {
            XmppCorpus.Decoded d = XmppCorpus.decode(stream, chunk);
            assertThat(d.refusal()).as("chunk %d (seed %d)", chunk, SEED).isNull();
            assertThat(d.closed()).isTrue();
            assertThat(d.open().attributes()).isEqualTo(sax.headerAttributes());
            assertThat(d.elements()).as("chunk %d (seed %d)", chunk, SEED).isEqualTo(sax.elements());
        }
    }

    @Test
    void corpusCoversSeveralScriptsEmojiCapsRosterDiscoSaslStarttlsAndBind() throws Exception {
        String corpus = new String(FILES.read(XmppCorpus.CORPUS), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(corpus).contains("Привет", "你好", "こんにちは", "مرحبا", "שלום", "नमस्ते", "Γειά", "สวัสดี", "👩‍👩‍👧‍👦",
                "http://jabber.org/protocol/caps", "jabber:iq:roster", "disco#info", "disco#items",
                "urn:ietf:params:xml:ns:xmpp-sasl", "urn:ietf:params:xml:ns:xmpp-tls",
                "urn:ietf:params:xml:ns:xmpp-bind");
    }

    @Test
    void bothXmppSuitesPassFromTheJarResources() throws Exception {
        VectorSource jar = VectorSource.resources(getClass().getClassLoader());
        for (var suite : List.of(new XmppCorpusSuite(), new XmppRefusalSuite())) {
            List<CaseResult> results = suite.run(jar);
            assertThat(results).isNotEmpty();
            assertThat(results).as(suite.name()).allMatch(CaseResult::passed);
        }
    }

    @Test
    void notWellFormedRefusalVectorsAreAlsoRejectedBySax() throws Exception {
        // The reference agrees that these are not XML at all (the other refusals are XMPP's own rules).
        for (String f : List.of("mismatched-end-tag.xml", "duplicate-attribute.xml", "cdata-end-in-text.xml",
                "not-well-formed-prefix.xml", "doctype.xml", "control-character.xml")) {
            byte[] in = FILES.read("xmpp/refusals/" + f);
            byte[] closed = java.util.Arrays.copyOf(in, in.length + "</stream:stream>".length());
            System.arraycopy("</stream:stream>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, closed,
                    in.length, "</stream:stream>".length());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SaxStreamReader.read(closed)).as(f)
                    .isInstanceOf(org.xml.sax.SAXException.class);
        }
    }
}
