package dev.sotto.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private static final XmppEvent.MessageReceived SECRET_TEXT = new XmppEvent.MessageReceived(
            Jid.parse("alice@example.org"), Jid.parse("bob@example.org/phone"), "1", null, "chat", "the vault code is 1234");

    @Test
    void onlyReadableMessagesWhileNoWindowIsFocusedNotify() {
        assertThat(Notifier.shouldNotify(SECRET_TEXT, false)).isTrue();
        assertThat(Notifier.shouldNotify(SECRET_TEXT, true)).isFalse();
        assertThat(Notifier.shouldNotify(new XmppEvent.MessageReceived(Jid.parse("alice@example.org"),
                Jid.parse("bob@example.org/phone"), "2", null, "chat", "?OTRv3?"), false)).isFalse();
        assertThat(Notifier.shouldNotify(new XmppEvent.Connected(Jid.parse("alice@example.org"),
                Jid.parse("alice@example.org/x")), false)).isFalse();
    }

    @Test
    void theNotificationNamesTheSenderButNeverTheText() {
        assertThat(Notifier.text(SECRET_TEXT)).isEqualTo("New message from bob@example.org")
                .doesNotContain("1234");
    }
}
