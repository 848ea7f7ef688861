package dev.sotto.engine.otr;

import dev.sotto.engine.crypto.Secret;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DhCommitMessage;
import dev.sotto.codecs.otr.OtrMessageCodec;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import dev.sotto.engine.sansio.Outputs;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * All OTR sessions with one contact (OTR v3 "Instance Tags"): a master session for what carries no instance
 * tag (plaintext, queries, version 2) and one session per instance tag of the contact's clients, so that a
 * contact logged in several times gets separate conversations and no error storm. Immutable.
 */
public final class OtrConversation {

    private final OtrSession master;
    private final Map<Integer, OtrSession> instances;
    private final int preferred;
    /**
     * The master's D-H Commit (its AUTHSTATE_AWAITING_DHKEY) each instance has taken over. An instance takes a
     * given commit once: from then on that AKE is the instance's own, and a D-H Key answering it again (a stored
     * XEP-0203 copy, a replay) meets the instance's state as OTR v3 "Receiving a D-H Key Message" says: retransmit
     * in AUTHSTATE_AWAITING_SIG, ignore in AUTHSTATE_NONE. Taking it again would restart a finished AKE with the
     * old x, and a stored copy of the old Signature Message would then put the instance back on the AKE's keys
     * while the correspondent has moved on: everything it sends after that is unreadable. Kept by the commit
     * message sent (public values), not the state, so no stale D-H private key outlives its AKE here.
     */
    private final Map<Integer, DhCommitMessage> takenCommits;

    private OtrConversation(OtrSession master, Map<Integer, OtrSession> instances, int preferred,
            Map<Integer, DhCommitMessage> takenCommits) {
        this.master = master;
        this.instances = Map.copyOf(instances);
        this.preferred = preferred;
        this.takenCommits = Map.copyOf(takenCommits);
    }

    public static OtrConversation create(OtrConfig config) {
        return new OtrConversation(OtrSession.create(config), Map.of(), 0, Map.of());
    }

    /** The conversation after one input and its outputs. */
    public record Step(OtrConversation conversation, Outputs outputs) {}

    /** The session user messages go to: the last instance that went private, else the master. */
    public OtrSession current() {
        OtrSession s = instances.get(preferred);
        return s != null && s.messageState() instanceof EncryptedState ? s : master;
    }

    /**
     * The message state the user is in (issue 10, the chat toolbar): the preferred instance's while it is private or
     * finished (OTR v3 "Protocol state": MSGSTATE_FINISHED after the correspondent ended it), else the master's.
     */
    public MessageState userState() {
        OtrSession s = instances.get(preferred);
        return s != null && !(s.messageState() instanceof PlaintextState) ? s.messageState() : master.messageState();
    }

    public OtrSession instance(int theirInstance) {
        return instances.get(theirInstance);
    }

    public int instanceCount() {
        return instances.size();
    }

    /** A received chat body, routed by its sender instance tag. Never throws. */
    public Step receive(String text, long now, SecureRandom random) {
        int tag = senderInstance(text, master.config());
        if (tag == 0) {
            OtrStep s = master.receive(text, now, random);
            return new Step(new OtrConversation(s.session(), instances, preferred, takenCommits), s.outputs());
        }
        // A new instance starts from the master's AKE state, so it can answer the commit we sent to "any"; so does
        // a known instance that gets a D-H Key in answer to a commit the master sent later (a new AKE after the
        // correspondent ended the old one: the commit went out before its instance was known).
        // Either way only once per commit and instance (see takenCommits).
        OtrSession known = instances.get(tag);
        DhCommitMessage masterCommit = master.authState() instanceof AwaitingDhKey a ? a.sent() : null;
        Map<Integer, DhCommitMessage> taken = takenCommits;
        OtrSession target;
        if (known == null) {
            target = master.forNewInstance();
            taken = taking(tag, masterCommit);
        } else if (masterCommit != null && takenCommits.get(tag) != masterCommit // identity: one per commit made
                && known.authState() instanceof AuthNone && isDhKey(text, master.config())) {
            target = known.withAuthOf(master);
            taken = taking(tag, masterCommit);
        } else {
            target = known;
        }
        boolean wasPrivate = target.messageState() instanceof EncryptedState;
        OtrStep s = target.receive(text, now, random);
        Map<Integer, OtrSession> next = new HashMap<>(instances);
        next.put(tag, s.session());
        int pref = preferred;
        if (!wasPrivate && s.session().messageState() instanceof EncryptedState) {
            pref = tag;
        }
        return new Step(new OtrConversation(master, next, pref, taken), s.outputs());
    }

    /** {@link #takenCommits} after instance {@code tag} took {@code commit} (nothing when there is none). */
    private Map<Integer, DhCommitMessage> taking(int tag, DhCommitMessage commit) {
        if (commit == null) {
            return takenCommits;
        }
        Map<Integer, DhCommitMessage> t = new HashMap<>(takenCommits);
        t.put(tag, commit);
        return t;
    }

    /** "User types a message to be sent": to the preferred private instance, else per the master's policy. */
    public Step send(String text, long now, SecureRandom random) {
        return onCurrent(current().send(text, now, random));
    }

    /** Sends a Query Message. */
    public Step start(long now) {
        OtrStep s = master.start(now);
        return new Step(new OtrConversation(s.session(), instances, preferred, takenCommits), s.outputs());
    }

    /** Ends every private instance. */
    public Step end(long now, SecureRandom random) {
        Outputs out = Outputs.NONE;
        Map<Integer, OtrSession> next = new HashMap<>(instances);
        for (Map.Entry<Integer, OtrSession> e : instances.entrySet()) {
            OtrStep s = e.getValue().end(now, random);
            next.put(e.getKey(), s.session());
            out = out.plus(s.outputs());
        }
        OtrStep m = master.end(now, random);
        return new Step(new OtrConversation(m.session(), next, preferred, takenCommits), out.plus(m.outputs()));
    }

    public Step smpStart(Secret secret, String question, long now, SecureRandom random) {
        return onCurrent(current().smpStart(secret, question, now, random));
    }

    public Step smpAnswer(Secret secret, long now, SecureRandom random) {
        return onCurrent(current().smpAnswer(secret, now, random));
    }

    public Step smpAbort(long now, SecureRandom random) {
        return onCurrent(current().smpAbort(now, random));
    }

    private Step onCurrent(OtrStep s) {
        OtrSession cur = current();
        if (cur == master) {
            return new Step(new OtrConversation(s.session(), instances, preferred, takenCommits), s.outputs());
        }
        Map<Integer, OtrSession> next = new HashMap<>(instances);
        next.put(preferred, s.session());
        return new Step(new OtrConversation(master, next, preferred, takenCommits), s.outputs());
    }

    /** Whether any session holds a partial set of fragments. */
    public boolean fragmentPending() {
        if (master.fragmentPending()) {
            return true;
        }
        for (OtrSession s : instances.values()) {
            if (s.fragmentPending()) {
                return true;
            }
        }
        return false;
    }

    /** Drops every partial set of fragments (the reassembly timeout of the account layer fired). */
    public OtrConversation withoutFragments() {
        Map<Integer, OtrSession> next = new HashMap<>(instances);
        next.replaceAll((tag, s) -> s.withoutFragments());
        return new OtrConversation(master.withoutFragments(), next, preferred, takenCommits);
    }

    /** The same sessions under a new policy (the user changed this contact's policy). */
    public OtrConversation withPolicy(OtrPolicy policy) {
        Map<Integer, OtrSession> next = new HashMap<>(instances);
        next.replaceAll((tag, s) -> s.withPolicy(policy));
        return new OtrConversation(master.withPolicy(policy), next, preferred, takenCommits);
    }

    private static boolean isDhKey(String text, OtrConfig config) {
        DecodeResult<OtrText> d = OtrTextCodec.decode(text, config.limits());
        return d instanceof DecodeResult.Ok<OtrText> ok && ok.value() instanceof OtrText.Encoded e
                && e.message() instanceof dev.sotto.codecs.otr.DhKeyMessage;
    }

    /** The v3 sender instance tag of an encoded message or fragment, or 0. */
    private static int senderInstance(String text, OtrConfig config) {
        DecodeResult<OtrText> d = OtrTextCodec.decode(text, config.limits());
        if (!(d instanceof DecodeResult.Ok<OtrText> ok)) {
            return 0;
        }
        int tag = 0;
        if (ok.value() instanceof OtrText.Fragment f && f.version() == 3) {
            tag = f.senderInstance();
        } else if (ok.value() instanceof OtrText.Encoded e && e.message().version() == 3) {
            tag = e.message().senderInstance();
        }
        return Integer.compareUnsigned(tag, OtrMessageCodec.MIN_INSTANCE_TAG) < 0 ? 0 : tag;
    }

    @Override
    public String toString() {
        return "OtrConversation[instances=" + instances.size() + ", current=" + current() + "]";
    }
}
