package dev.sotto.vectors.sip;

import dev.sotto.vectors.spi.CaseResult;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.spi.VectorSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The RFC 4475 and RFC 5118 torture messages against the verdicts of {@code vectors/sip/verdicts.tsv}. */
public final class SipTortureSuite implements VectorSuite {

    @Override
    public String name() {
        return "sip-torture";
    }

    @Override
    public String source() {
        return "RFC 4475 §3 (50 messages), RFC 5118 §4 (12 messages)";
    }

    @Override
    public List<CaseResult> run(VectorSource vectors) throws Exception {
        String table = new String(vectors.read("sip/verdicts.tsv"), StandardCharsets.UTF_8);
        List<CaseResult> out = new ArrayList<>();
        for (TortureCase c : TortureCase.parseTable(table)) {
            String id = "RFC" + c.rfc() + "-" + c.section() + "-" + c.id();
            String why = TortureCheck.check(c, vectors.read(c.file()));
            out.add(why == null ? CaseResult.pass(id) : CaseResult.fail(id, why));
        }
        return out;
    }
}
