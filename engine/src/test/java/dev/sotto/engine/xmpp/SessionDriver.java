package dev.sotto.engine.xmpp;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.account.XmppAccount;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Drives an {@link XmppSession} as a scripted server would: feeds server XML whole, one byte at a time, or at
 * random splits, and collects what the session sends and reports.
 */
final class SessionDriver {

    enum Delivery { WHOLE, BYTE_AT_A_TIME, RANDOM_SPLITS }

    final XmppSession session;
    final List<XmppOutput> outputs = new ArrayList<>();
    private final Delivery delivery;
    private final Random splits;
    private int sentMark;
    long now = 1_000L;

    SessionDriver(TlsPolicy policy, Delivery delivery, long seed) {
        this(new XmppAccount(Jid.parse("alice@localhost"), Secret.ofUtf8("alice-pass"), "127.0.0.1", 5222, policy,
                Set.of(), "desk"), delivery, seed);
    }

    SessionDriver(XmppAccount account, Delivery delivery, long seed) {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        random.setSeed(seed); // seeded before first use: deterministic
        this.session = new XmppSession(account, XmppSessionConfig.DEFAULTS, random, false);
        this.delivery = delivery;
        this.splits = new Random(seed);
    }

    void start() {
        outputs.addAll(session.start(now));
    }

    void feed(String serverXml) {
        byte[] b = serverXml.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < b.length) {
            int n = switch (delivery) {
                case WHOLE -> b.length - pos;
                case BYTE_AT_A_TIME -> 1;
                case RANDOM_SPLITS -> 1 + splits.nextInt(Math.min(64, b.length - pos));
            };
            outputs.addAll(session.receive(b, pos, n, ++now));
            pos += n;
        }
    }

    void tlsUp() {
        outputs.addAll(session.tlsEstablished("TLSv1.3", "AA:BB", ++now));
    }

    /** Everything the session sent since the last call, as text. */
    String takeSent() {
        StringBuilder sb = new StringBuilder();
        for (int i = sentMark; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof XmppOutput.Send s) {
                sb.append(new String(s.bytes(), StandardCharsets.UTF_8));
            }
        }
        sentMark = outputs.size();
        return sb.toString();
    }

    /** Everything sent so far, as text. */
    String allSent() {
        StringBuilder sb = new StringBuilder();
        for (XmppOutput o : outputs) {
            if (o instanceof XmppOutput.Send s) {
                sb.append(new String(s.bytes(), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    List<XmppEvent> events() {
        List<XmppEvent> events = new ArrayList<>();
        for (XmppOutput o : outputs) {
            if (o instanceof XmppOutput.Emit e) {
                events.add(e.event());
            }
        }
        return events;
    }

    boolean closed() {
        return outputs.stream().anyMatch(o -> o instanceof XmppOutput.Close);
    }
}
