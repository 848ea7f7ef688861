package dev.sotto.vectors.xmpp;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate --suite xmpp-refusals}: each file listed in {@code xmpp/refusals/index.txt} (one
 * {@code FILE CONDITION} per line, {@code #} comments) must be refused with that RFC 6120 §4.9.3 condition.
 */
public final class XmppRefusalSuite implements VectorSuite {

    @Override
    public String name() {
        return "xmpp-refusals";
    }

    @Override
    public String source() {
        return "RFC 6120 §4.9.3, §11 refusal cases";
    }

    @Override
    public List<CaseResult> run(VectorSource vectors) throws Exception {
        String index = new String(vectors.read("xmpp/refusals/index.txt"), StandardCharsets.UTF_8);
        XmppCodecTool tool = new XmppCodecTool();
        List<CaseResult> results = new ArrayList<>();
        for (String line : index.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            String file = parts[0];
            String expected = parts[1];
            ParseOutcome o = tool.parse(vectors.read("xmpp/refusals/" + file), true);
            if (o instanceof Rejected r && r.condition().equals(expected)) {
                results.add(CaseResult.pass(file));
            } else {
                results.add(CaseResult.fail(file, "expected " + expected + ", got "
                        + (o instanceof Rejected r ? r.condition() : "accepted")));
            }
        }
        return results;
    }
}
