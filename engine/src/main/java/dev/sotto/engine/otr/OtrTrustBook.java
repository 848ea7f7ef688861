package dev.sotto.engine.otr;

import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.event.OtrFingerprintSeen;
import dev.sotto.engine.event.OtrTrust;
import dev.sotto.engine.event.OtrTrustChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprints and trust of one account's contacts: a fold of {@link OtrEvent}s (DESIGN.md,
 * "Projections are folds"), and the place that turns session notices and user decisions into new events.
 * Immutable. Verification is reported honestly: unverified until SMP succeeds or the user verifies.
 */
public final class OtrTrustBook {

    private final String account;
    private final Map<String, OtrTrust> trust; // key: contact + " " + fingerprint display

    private OtrTrustBook(String account, Map<String, OtrTrust> trust) {
        this.account = account;
        this.trust = Map.copyOf(trust);
    }

    public static OtrTrustBook empty(String account) {
        return new OtrTrustBook(account, Map.of());
    }

    /** Folds one durable event. */
    public OtrTrustBook apply(OtrEvent e) {
        if (!e.account().equals(account)) {
            return this;
        }
        Map<String, OtrTrust> next = new HashMap<>(trust);
        if (e instanceof OtrFingerprintSeen f) {
            next.putIfAbsent(key(f.contact(), f.fingerprint()), OtrTrust.UNVERIFIED);
        } else if (e instanceof OtrTrustChanged t) {
            next.put(key(t.contact(), t.fingerprint()), t.trust());
        } else {
            return this;
        }
        return new OtrTrustBook(account, next);
    }

    /** Whether any fingerprint of {@code contact} was ever seen: the contact has been private with us. */
    public boolean knows(String contact) {
        String prefix = contact + " ";
        for (String k : trust.keySet()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The trust in {@code contact}'s {@code fingerprint}, or null if it was never seen. */
    public OtrTrust trust(String contact, Fingerprint fingerprint) {
        return trust.get(key(contact, fingerprint.display()));
    }

    /**
     * Durable events a session notice implies: a fingerprint seen for the first time when a session goes
     * private, and VERIFIED_SMP when SMP succeeds on that fingerprint.
     */
    public List<OtrEvent> eventsFor(String contact, Fingerprint theirs, OtrNotice notice, Instant at) {
        List<OtrEvent> out = new ArrayList<>();
        if (notice instanceof OtrNotice.WentPrivate p && trust(contact, p.theirFingerprint()) == null) {
            out.add(new OtrFingerprintSeen(account, contact, p.theirFingerprint().display(), at));
        } else if (notice instanceof OtrNotice.SmpResult r && r.success() && theirs != null
                && trust(contact, theirs) != OtrTrust.VERIFIED_SMP && trust(contact, theirs) != OtrTrust.DISTRUSTED) {
            out.add(new OtrTrustChanged(account, contact, theirs.display(), OtrTrust.VERIFIED_SMP, at));
        }
        return out;
    }

    /** The user's own decision ({@code otr trust} / {@code otr distrust}). */
    public OtrTrustChanged decide(String contact, Fingerprint fingerprint, boolean trusted, Instant at) {
        return new OtrTrustChanged(account, contact, fingerprint.display(),
                trusted ? OtrTrust.VERIFIED_MANUAL : OtrTrust.DISTRUSTED, at);
    }

    private static String key(String contact, String fingerprint) {
        return contact + " " + fingerprint;
    }

    @Override
    public String toString() {
        return "OtrTrustBook[" + account + ", " + trust.size() + " fingerprints]";
    }
}
