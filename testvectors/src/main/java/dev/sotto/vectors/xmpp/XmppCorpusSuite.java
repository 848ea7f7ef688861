package dev.sotto.vectors.xmpp;

import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate --suite xmpp-corpus}: the realistic stream of {@code xmpp/corpus.xml} (RFC 6120 §9.1's
 * STARTTLS, SASL and bind exchanges, RFC 6121 roster pushes, presence with caps, disco results, messages in
 * several scripts with emoji) decodes, whole and in 1 KiB and 1-byte chunks, to the same trees as the JDK's
 * SAX parser gives.
 */
public final class XmppCorpusSuite implements VectorSuite {

    @Override
    public String name() {
        return "xmpp-corpus";
    }

    @Override
    public String source() {
        return "RFC 6120 §9.1, RFC 6121, XEP-0030/0115 examples vs JDK SAX";
    }

    @Override
    public List<CaseResult> run(VectorSource vectors) throws Exception {
        byte[] stream = vectors.read(XmppCorpus.CORPUS);
        SaxStreamReader.SaxStream sax = SaxStreamReader.read(stream);
        List<CaseResult> results = new ArrayList<>();
        results.add(sax.elements().size() >= 30 ? CaseResult.pass("at-least-30-stanzas")
                : CaseResult.fail("at-least-30-stanzas", "only " + sax.elements().size()));
        for (int chunk : new int[] {stream.length, 1024, 1}) {
            String c = chunk == stream.length ? "whole" : chunk + "B";
            XmppCorpus.Decoded d = XmppCorpus.decode(stream, chunk);
            if (d.refusal() != null) {
                results.add(CaseResult.fail(c + "-decodes", "refused: " + d.refusal()));
                continue;
            }
            results.add(d.open() != null && d.open().attributes().equals(sax.headerAttributes()) && d.closed()
                    ? CaseResult.pass(c + "-header-and-close") : CaseResult.fail(c + "-header-and-close", "differs"));
            results.add(d.elements().size() == sax.elements().size() ? CaseResult.pass(c + "-count")
                    : CaseResult.fail(c + "-count", d.elements().size() + " vs SAX " + sax.elements().size()));
            int n = Math.min(d.elements().size(), sax.elements().size());
            for (int k = 0; k < n; k++) {
                XmlElement ours = d.elements().get(k);
                XmlElement ref = sax.elements().get(k);
                String id = c + "-" + k + "-" + ref.localName();
                results.add(ours.equals(ref) ? CaseResult.pass(id) : CaseResult.fail(id, "tree differs from SAX"));
            }
        }
        return results;
    }
}
