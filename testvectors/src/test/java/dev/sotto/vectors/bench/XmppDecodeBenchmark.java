package dev.sotto.vectors.bench;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.codecs.xmpp.StreamElement;
import dev.sotto.codecs.xmpp.StreamEvent;
import dev.sotto.codecs.xmpp.XmppStreamDecoder;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.xmpp.XmppCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4: decoding the differential corpus ({@code vectors/xmpp/corpus.xml}: a stream header, 50 first-level
 * elements, the close; 9,190 bytes) fed in 1 KiB chunks into immutable element trees, Sotto's decoder side by
 * side with Aalto's non-blocking parser ({@code AsyncXMLStreamReader}) building the same trees (checked in
 * {@link #setup}).
 *
 * <ul>
 *   <li>{@code *Stream}: one operation = a new decoder and the whole stream (header, 50 elements, close);</li>
 *   <li>{@code *Steady}: one operation = the 50 elements (8,920 bytes) fed to one long-lived decoder that is
 *       already inside the stream, as on a connection that has been up for a while.</li>
 * </ul>
 * Stanzas/s = ops/s × 50; MB/s = ops/s × bytes per op; allocated bytes per stanza = gc.alloc.rate.norm / 50.
 * Run (the {@code bench} profile's exec:exec also runs in the parent module, so build the class path first):
 * <pre>
 * mvn -B -q -o -pl testvectors -am -DskipTests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd testvectors &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main \
 *     XmppDecodeBenchmark -prof gc -rf json -rff /tmp/xmpp-bench.json
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class XmppDecodeBenchmark {
    static final int CHUNK = 1024;
    private static final String CLOSE = "</stream:stream>";

    byte[] stream;
    byte[] header;
    byte[] body;
    XmppStreamDecoder steadySotto;
    AaltoStreamReader steadyAalto;
    final List<XmlElement> out = new ArrayList<>(64);

    @Setup
    public void setup() throws Exception {
        // exec:exec runs in testvectors/; from the repository root the files are under testvectors/vectors.
        Path dir = Path.of(System.getProperty("sotto.vectors.dir", "vectors"));
        if (!Files.isDirectory(dir)) {
            dir = Path.of("testvectors/vectors");
        }
        stream = VectorSource.directory(dir).read(XmppCorpus.CORPUS);
        XmppCorpus.Decoded ours = XmppCorpus.decode(stream, CHUNK);
        List<XmlElement> theirs = AaltoStreamReader.decode(stream, CHUNK);
        if (ours.refusal() != null || !ours.elements().equals(theirs)) {
            throw new IllegalStateException("Sotto and Aalto do not build the same trees");
        }
        String s = new String(stream, StandardCharsets.UTF_8);
        int headerEnd = s.indexOf("'>", s.indexOf("<stream:stream")) + 2;
        int closeAt = s.lastIndexOf(CLOSE);
        header = s.substring(0, headerEnd).getBytes(StandardCharsets.UTF_8);
        body = s.substring(headerEnd, closeAt).getBytes(StandardCharsets.UTF_8);

        steadySotto = new XmppStreamDecoder();
        out.clear();
        sottoFeed(header);
        steadyAalto = new AaltoStreamReader();
        steadyAalto.feed(header, 0, header.length, out);
        out.clear();
        List<XmlElement> a = aaltoSteady();
        List<XmlElement> b = new ArrayList<>(sottoSteady());
        if (a.size() != theirs.size() || !a.equals(b)) {
            throw new IllegalStateException("steady state: Sotto and Aalto do not build the same trees");
        }
        System.err.printf("corpus: stream %d bytes, body %d bytes, %d first-level elements%n",
                stream.length, body.length, theirs.size());
    }

    @Benchmark
    public List<XmlElement> sottoStream() {
        return XmppCorpus.decode(stream, CHUNK).elements();
    }

    @Benchmark
    public List<XmlElement> aaltoStream() throws Exception {
        return AaltoStreamReader.decode(stream, CHUNK);
    }

    @Benchmark
    public List<XmlElement> sottoSteady() {
        out.clear();
        sottoFeed(body);
        return out;
    }

    @Benchmark
    public List<XmlElement> aaltoSteady() throws Exception {
        out.clear();
        for (int at = 0; at < body.length; at += CHUNK) {
            steadyAalto.feed(body, at, Math.min(CHUNK, body.length - at), out);
        }
        return out;
    }

    private void sottoFeed(byte[] bytes) {
        XmppStreamDecoder d = steadySotto;
        for (int at = 0; at < bytes.length; at += CHUNK) {
            int end = Math.min(bytes.length, at + CHUNK);
            int pos = at;
            while (pos < end) {
                DecodeResult<StreamEvent> r = d.decode(bytes, pos, end - pos);
                if (r instanceof DecodeResult.Ok<StreamEvent> ok) {
                    pos += ok.consumed();
                    if (ok.value() instanceof StreamElement e) {
                        out.add(e.element());
                    }
                } else if (r instanceof DecodeResult.NeedMore<StreamEvent>) {
                    break;
                } else {
                    throw new IllegalStateException("refused");
                }
            }
        }
    }
}
