package dev.sotto.vectors.bench;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.sip.HeaderField;
import dev.sotto.codecs.sip.SipMessage;
import dev.sotto.codecs.sip.SipParser;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.header.SIPHeader;
import java.util.Iterator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Messages per second (and, with {@code -prof gc}, bytes allocated per message: gc.alloc.rate.norm) parsing the
 * same bytes with Sotto's {@link SipParser} and with the JAIN-SIP reference implementation's
 * {@link StringMsgParser} (issue 7). One operation = one message; the six messages of {@link SipCorpus} are taken
 * in turn. Both parsers must accept every message (checked in setup).
 *
 * <p>Sotto types the known headers while parsing but makes the list of {@code HeaderField}s (and a String per
 * value) only when {@code fields()} is first called, while JAIN-SIP builds all its header objects up front. So
 * that both sides do at least the same work, {@code *ReadTyped} (the main figure) reads the same typed fields on
 * both sides after parsing ({@link SipTypedRead}: every typed header of issue 7, plus the values of the headers
 * only JAIN-SIP types), and {@code *ReadHeaders} reads every header of the parsed message: each field's value as a
 * String for Sotto (more work than JAIN-SIP's, whose objects exist already), each header object for JAIN-SIP. Run:
 * {@code mvn -B -pl testvectors -am -Pbench -DskipTests -Dexec.skip=true test-compile exec:exec@sip-bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
public class SipParseBenchmark {

    private byte[][] corpus;
    private int next;
    private SipParser sotto;
    private StringMsgParser jainSip;

    @Setup
    public void setup() throws Exception {
        corpus = SipCorpus.bytes();
        sotto = SipParser.defaults();
        jainSip = new StringMsgParser();
        for (byte[] m : corpus) {
            if (!(sotto.parseDatagram(m) instanceof DecodeResult.Ok<SipMessage>)) {
                throw new IllegalStateException("Sotto rejects a corpus message");
            }
            SIPMessage theirs = jainSip.parseSIPMessage(m, true, false, null);
            if (theirs == null) {
                throw new IllegalStateException("JAIN-SIP rejects a corpus message");
            }
            // both sides read the same values (SipTypedRead): spot-check that they found the same ones
            SipMessage ours = ((DecodeResult.Ok<SipMessage>) sotto.parseDatagram(m)).value();
            if (!ours.headers().topVia().branch().equals(theirs.getTopmostVia().getBranch())
                    || !ours.headers().from().tag().equals(theirs.getFrom().getTag())
                    || !ours.headers().callId().equals(theirs.getCallId().getCallId())
                    || ours.headers().cseq().sequenceNumber() != theirs.getCSeq().getSeqNumber()
                    || ours.headers().contacts().size() != (theirs.getContactHeaders() == null ? 0
                            : theirs.getContactHeaders().size())) {
                throw new IllegalStateException("Sotto and JAIN-SIP read a corpus message differently");
            }
        }
    }

    private byte[] nextMessage() {
        byte[] m = corpus[next];
        next = next + 1 == corpus.length ? 0 : next + 1;
        return m;
    }

    @Benchmark
    public DecodeResult<SipMessage> sotto() {
        return sotto.parseDatagram(nextMessage());
    }

    @Benchmark
    public SIPMessage jainSip() throws Exception {
        return jainSip.parseSIPMessage(nextMessage(), true, false, null);
    }

    /** The main figure: parse, then read the typed fields JAIN-SIP's header objects expose ({@link SipTypedRead}). */
    @Benchmark
    public int sottoReadTyped() {
        return SipTypedRead.sotto(((DecodeResult.Ok<SipMessage>) sotto.parseDatagram(nextMessage())).value());
    }

    @Benchmark
    public int jainSipReadTyped() throws Exception {
        return SipTypedRead.jainSip(jainSip.parseSIPMessage(nextMessage(), true, false, null));
    }

    @Benchmark
    public void sottoReadHeaders(Blackhole bh) {
        DecodeResult<SipMessage> r = sotto.parseDatagram(nextMessage());
        SipMessage m = ((DecodeResult.Ok<SipMessage>) r).value();
        for (HeaderField f : m.headers().fields()) {
            bh.consume(f.value());
        }
    }

    @Benchmark
    public void jainSipReadHeaders(Blackhole bh) throws Exception {
        SIPMessage m = jainSip.parseSIPMessage(nextMessage(), true, false, null);
        for (Iterator<SIPHeader> hs = m.getHeaders(); hs.hasNext(); ) {
            bh.consume(hs.next());
        }
    }
}
