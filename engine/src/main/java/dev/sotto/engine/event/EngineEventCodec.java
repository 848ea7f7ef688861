package dev.sotto.engine.event;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.proto.AccountConfig;
import dev.sotto.engine.event.proto.AccountEventEnvelope;
import dev.sotto.engine.event.proto.AccountRemovedRecord;
import dev.sotto.engine.event.proto.CertificatePinnedRecord;
import dev.sotto.engine.event.proto.EventEnvelope;
import dev.sotto.engine.event.proto.MessageFailedRecord;
import dev.sotto.engine.event.proto.MessageReceivedRecord;
import dev.sotto.engine.event.proto.MessageSentRecord;
import dev.sotto.engine.event.proto.OtrEventEnvelope;
import dev.sotto.engine.event.proto.RosterItemChangedRecord;
import dev.sotto.engine.event.proto.SubscriptionAnsweredRecord;
import dev.sotto.engine.event.proto.SubscriptionRequestedRecord;
import dev.sotto.engine.event.proto.TlsPolicyValue;
import dev.sotto.engine.event.proto.XmppEventEnvelope;
import dev.sotto.engine.event.proto.ZrtpEventEnvelope;
import dev.sotto.engine.xmpp.CertificateFingerprint;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.RosterItem;
import dev.sotto.engine.xmpp.TlsPolicy;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Every {@link DurableEvent} to and from the log's bytes: the {@code sotto_events.proto} envelope, whose oneof
 * names the area (OTR, account, XMPP, ZRTP). Decoding throws {@link IllegalArgumentException} (and nothing else) for
 * bytes that are not an event of this schema.
 */
public final class EngineEventCodec implements dev.sotto.persistence.log.EventCodec<DurableEvent> {

    private final OtrEventCodec otr = new OtrEventCodec();
    private final ZrtpEventCodec zrtp = new ZrtpEventCodec();

    @Override
    public byte[] encode(DurableEvent event) {
        EventEnvelope.Builder b = EventEnvelope.newBuilder();
        if (event instanceof OtrEvent o) {
            try {
                b.setOtr(OtrEventEnvelope.parseFrom(otr.encode(o)));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("OTR codec wrote an unreadable envelope", e);
            }
        } else if (event instanceof AccountEvent a) {
            b.setAccount(account(a));
        } else if (event instanceof XmppEvent x) {
            b.setXmpp(xmpp(x));
        } else if (event instanceof ZrtpEvent z) {
            // only the durable ZRTP records reach here (ZrtpSecureOn and ZrtpError are not DurableEvents)
            try {
                b.setZrtp(ZrtpEventEnvelope.parseFrom(zrtp.encode(z)));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("ZRTP codec wrote an unreadable envelope", e);
            }
        } else {
            throw new IllegalArgumentException("not a known durable event: " + event.getClass().getSimpleName());
        }
        return b.build().toByteArray();
    }

    @Override
    public DurableEvent decode(byte[] payload) {
        EventEnvelope e;
        try {
            e = EventEnvelope.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalArgumentException("not an engine event");
        }
        return switch (e.getAreaCase()) {
            case OTR -> otr.decode(e.getOtr().toByteArray());
            case ACCOUNT -> account(e.getAccount());
            case XMPP -> xmpp(e.getXmpp());
            case ZRTP -> zrtp(e.getZrtp());
            default -> throw new IllegalArgumentException("unknown event area");
        };
    }

    /** A ZRTP record of the log: a transient ZRTP event (secure-on, error) is never stored, so it is refused. */
    private DurableEvent zrtp(ZrtpEventEnvelope e) {
        if (zrtp.decode(e.toByteArray()) instanceof DurableEvent d) {
            return d;
        }
        throw new IllegalArgumentException("a transient ZRTP event is not a log record");
    }

    // ------------------------------------------------------------------ accounts

    private static AccountEventEnvelope account(AccountEvent event) {
        AccountEventEnvelope.Builder b = AccountEventEnvelope.newBuilder();
        if (event instanceof AccountEvent.AccountAdded a) {
            b.setAdded(config(a.account(), a.password(), a.host(), a.port(), a.tlsPolicy(), a.resource()));
        } else if (event instanceof AccountEvent.AccountChanged c) {
            b.setChanged(config(c.account(), c.password(), c.host(), c.port(), c.tlsPolicy(), c.resource()));
        } else if (event instanceof AccountEvent.AccountRemoved r) {
            b.setRemoved(AccountRemovedRecord.newBuilder().setAccount(r.account().toString()));
        } else if (event instanceof AccountEvent.CertificatePinned p) {
            String normalized = CertificateFingerprint.normalize(p.sha256());
            if (normalized == null) {
                throw new IllegalArgumentException("not a SHA-256 fingerprint");
            }
            byte[] digest = HexFormat.of().parseHex(normalized.replace(":", ""));
            b.setCertificatePinned(CertificatePinnedRecord.newBuilder().setAccount(p.account().toString())
                    .setSha256(ByteString.copyFrom(digest)));
        }
        return b.build();
    }

    private static AccountConfig.Builder config(Jid account, Secret password, String host, int port, TlsPolicy policy,
            String resource) {
        byte[] pw = password.bytes();
        AccountConfig.Builder b = AccountConfig.newBuilder().setAccount(account.toString())
                .setPassword(ByteString.copyFrom(pw)).setPort(port)
                .setTlsPolicy(policy == TlsPolicy.OPTIONAL ? TlsPolicyValue.TLS_POLICY_OPTIONAL
                        : TlsPolicyValue.TLS_POLICY_REQUIRED);
        Arrays.fill(pw, (byte) 0);
        if (host != null) {
            b.setHost(host);
        }
        if (resource != null) {
            b.setResource(resource);
        }
        return b;
    }

    private static AccountEvent account(AccountEventEnvelope e) {
        switch (e.getEventCase()) {
            case ADDED: {
                AccountConfig c = e.getAdded();
                return new AccountEvent.AccountAdded(bare(c.getAccount()), password(c), host(c), port(c), policy(c),
                        c.hasResource() ? c.getResource() : null);
            }
            case CHANGED: {
                AccountConfig c = e.getChanged();
                return new AccountEvent.AccountChanged(bare(c.getAccount()), password(c), host(c), port(c), policy(c),
                        c.hasResource() ? c.getResource() : null);
            }
            case REMOVED:
                return new AccountEvent.AccountRemoved(bare(e.getRemoved().getAccount()));
            case CERTIFICATE_PINNED: {
                CertificatePinnedRecord p = e.getCertificatePinned();
                if (p.getSha256().size() != 32) {
                    throw new IllegalArgumentException("a SHA-256 fingerprint is 32 bytes");
                }
                return new AccountEvent.CertificatePinned(bare(p.getAccount()),
                        CertificateFingerprint.format(p.getSha256().toByteArray()));
            }
            default:
                throw new IllegalArgumentException("unknown account event");
        }
    }

    private static Secret password(AccountConfig c) {
        byte[] pw = c.getPassword().toByteArray();
        Secret s = Secret.of(pw);
        Arrays.fill(pw, (byte) 0);
        return s;
    }

    private static String host(AccountConfig c) {
        return c.hasHost() ? c.getHost() : null;
    }

    private static int port(AccountConfig c) {
        if (c.getPort() > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        return c.getPort() == 0 ? 5222 : c.getPort(); // RFC 6120 §14.7
    }

    private static TlsPolicy policy(AccountConfig c) {
        // An unknown or unset value never lowers security.
        return c.getTlsPolicy() == TlsPolicyValue.TLS_POLICY_OPTIONAL ? TlsPolicy.OPTIONAL : TlsPolicy.REQUIRED;
    }

    // ------------------------------------------------------------------ XMPP

    private static XmppEventEnvelope xmpp(XmppEvent event) {
        XmppEventEnvelope.Builder b = XmppEventEnvelope.newBuilder();
        if (event instanceof XmppEvent.MessageSent m) {
            MessageSentRecord.Builder r = MessageSentRecord.newBuilder().setAccount(m.account().toString())
                    .setTo(m.to().toString()).setId(m.id()).setBody(m.body());
            if (m.thread() != null) {
                r.setThread(m.thread());
            }
            b.setMessageSent(r);
        } else if (event instanceof XmppEvent.MessageReceived m) {
            MessageReceivedRecord.Builder r = MessageReceivedRecord.newBuilder().setAccount(m.account().toString())
                    .setFrom(m.from().toString()).setType(m.type()).setBody(m.body());
            if (m.id() != null) {
                r.setId(m.id());
            }
            if (m.thread() != null) {
                r.setThread(m.thread());
            }
            b.setMessageReceived(r);
        } else if (event instanceof XmppEvent.MessageFailed m) {
            MessageFailedRecord.Builder r = MessageFailedRecord.newBuilder().setAccount(m.account().toString())
                    .setTo(m.to().toString()).setCondition(m.condition());
            if (m.id() != null) {
                r.setId(m.id());
            }
            b.setMessageFailed(r);
        } else if (event instanceof XmppEvent.RosterItemChanged c) {
            RosterItem i = c.item();
            RosterItemChangedRecord.Builder r = RosterItemChangedRecord.newBuilder()
                    .setAccount(c.account().toString()).setJid(i.jid().toString()).setSubscription(i.subscription())
                    .setAskSubscribe(i.askSubscribe()).addAllGroups(i.groups());
            if (i.name() != null) {
                r.setName(i.name());
            }
            b.setRosterItemChanged(r);
        } else if (event instanceof XmppEvent.SubscriptionRequested s) {
            b.setSubscriptionRequested(SubscriptionRequestedRecord.newBuilder().setAccount(s.account().toString())
                    .setFrom(s.from().toString()));
        } else if (event instanceof XmppEvent.SubscriptionAnswered s) {
            b.setSubscriptionAnswered(SubscriptionAnsweredRecord.newBuilder().setAccount(s.account().toString())
                    .setContact(s.contact().toString()).setApproved(s.approved()));
        } else {
            throw new IllegalArgumentException("transient event: " + event.getClass().getSimpleName());
        }
        return b.build();
    }

    private static DurableEvent xmpp(XmppEventEnvelope e) {
        switch (e.getEventCase()) {
            case MESSAGE_SENT: {
                MessageSentRecord m = e.getMessageSent();
                return new XmppEvent.MessageSent(bare(m.getAccount()), jid(m.getTo()), m.getId(),
                        m.hasThread() ? m.getThread() : null, m.getBody());
            }
            case MESSAGE_RECEIVED: {
                MessageReceivedRecord m = e.getMessageReceived();
                return new XmppEvent.MessageReceived(bare(m.getAccount()), jid(m.getFrom()),
                        m.hasId() ? m.getId() : null, m.hasThread() ? m.getThread() : null, m.getType(), m.getBody());
            }
            case MESSAGE_FAILED: {
                MessageFailedRecord m = e.getMessageFailed();
                return new XmppEvent.MessageFailed(bare(m.getAccount()), jid(m.getTo()), m.hasId() ? m.getId() : null,
                        m.getCondition());
            }
            case ROSTER_ITEM_CHANGED: {
                RosterItemChangedRecord r = e.getRosterItemChanged();
                return new XmppEvent.RosterItemChanged(bare(r.getAccount()), new RosterItem(jid(r.getJid()).bare(),
                        r.hasName() ? r.getName() : null, r.getSubscription(), r.getAskSubscribe(), r.getGroupsList()));
            }
            case SUBSCRIPTION_REQUESTED: {
                SubscriptionRequestedRecord s = e.getSubscriptionRequested();
                return new XmppEvent.SubscriptionRequested(bare(s.getAccount()), jid(s.getFrom()).bare());
            }
            case SUBSCRIPTION_ANSWERED: {
                SubscriptionAnsweredRecord s = e.getSubscriptionAnswered();
                return new XmppEvent.SubscriptionAnswered(bare(s.getAccount()), jid(s.getContact()).bare(),
                        s.getApproved());
            }
            default:
                throw new IllegalArgumentException("unknown XMPP event");
        }
    }

    private static Jid jid(String s) {
        Jid j = Jid.parse(s);
        if (j == null) {
            throw new IllegalArgumentException("not a JID");
        }
        return j;
    }

    private static Jid bare(String s) {
        Jid j = jid(s);
        if (j.isFull()) {
            throw new IllegalArgumentException("an account is a bare JID");
        }
        return j;
    }
}
