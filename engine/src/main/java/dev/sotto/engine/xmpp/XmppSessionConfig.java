package dev.sotto.engine.xmpp;

import dev.sotto.codecs.xml.XmlLimits;
import dev.sotto.engine.xmpp.sasl.ScramLimits;

/**
 * Every limit and interval of a session, in one place.
 *
 * @param xmlLimits the stream decoder's limits
 * @param scramLimits what a server may ask of SCRAM
 * @param negotiationTimeoutNanos from connect to bound; longer means the server stalls
 * @param keepaliveIntervalNanos idle time before we ping the server (XEP-0199 §4.1)
 * @param pingTimeoutNanos how long a keepalive ping may go unanswered
 */
public record XmppSessionConfig(XmlLimits xmlLimits, ScramLimits scramLimits, long negotiationTimeoutNanos,
        long keepaliveIntervalNanos, long pingTimeoutNanos) {

    public static final XmppSessionConfig DEFAULTS = new XmppSessionConfig(XmlLimits.DEFAULTS, ScramLimits.DEFAULTS,
            30_000_000_000L, 60_000_000_000L, 20_000_000_000L);
}
