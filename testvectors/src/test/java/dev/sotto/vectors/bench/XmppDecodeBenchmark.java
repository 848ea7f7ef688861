package dev.sotto.vectors.bench;

import dev.sotto.codecs.xml.XmlElement;
import dev.sotto.vectors.spi.VectorSource;
import dev.sotto.vectors.xmpp.XmppCorpus;
import java.nio.file.Path;
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
 * Issue 4: decoding the differential corpus ({@code vectors/xmpp/corpus.xml}: header, 50 first-level elements,
 * close; 9,190 bytes) fed in 1 KiB chunks, into immutable element trees: Sotto's decoder against Aalto's
 * non-blocking parser building the same trees. One operation = the whole stream. Stanzas/s = ops/s × 50,
 * MB/s = ops/s × stream bytes; allocated bytes per stanza = {@code gc.alloc.rate.norm} / 50.
 *
 * <pre>mvn -B -pl testvectors -am -Pbench -DskipTests test-compile exec:exec -Dbench.args='XmppDecodeBenchmark -prof gc'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class XmppDecodeBenchmark {
    static final int CHUNK = 1024;

    byte[] stream;

    @Setup
    public void setup() throws Exception {
        // exec:exec runs in testvectors/; from the repository root the files are under testvectors/vectors.
        Path dir = Path.of(System.getProperty("sotto.vectors.dir", "vectors"));
        if (!java.nio.file.Files.isDirectory(dir)) {
            dir = Path.of("testvectors/vectors");
        }
        stream = VectorSource.directory(dir).read(XmppCorpus.CORPUS);
        XmppCorpus.Decoded ours = XmppCorpus.decode(stream, CHUNK);
        List<XmlElement> theirs = AaltoStreamReader.decode(stream, CHUNK);
        if (ours.refusal() != null || !ours.elements().equals(theirs)) {
            throw new IllegalStateException("Sotto and Aalto do not build the same trees");
        }
        System.err.printf("corpus: %d bytes, %d first-level elements%n", stream.length, theirs.size());
    }

    @Benchmark
    public List<XmlElement> sotto() {
        return XmppCorpus.decode(stream, CHUNK).elements();
    }

    @Benchmark
    public List<XmlElement> aalto() throws Exception {
        return AaltoStreamReader.decode(stream, CHUNK);
    }
}
