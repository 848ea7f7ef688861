package dev.sotto.ui.main;

import dev.sotto.engine.event.XmppEvent;
import java.awt.AWTException;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * Tells the user about a new message while no Sotto window has the focus: through the system tray where the
 * platform has one, otherwise in the main window (a banner and the title's unread count). The notification
 * names the sender only, never the text: a notification is visible to whoever looks at the screen.
 */
public final class Notifier {
    private final Consumer<String> inApp;
    private TrayIcon tray;
    private boolean trayTried;

    /** @param inApp shows a notice inside the main window (on the event dispatch thread) */
    public Notifier(Consumer<String> inApp) {
        this.inApp = inApp;
    }

    /** Whether {@code event} deserves a notification while {@code appFocused} says whether a Sotto window is focused. */
    public static boolean shouldNotify(Object event, boolean appFocused) {
        return !appFocused && (event instanceof XmppEvent.MessageReceived m && !m.body().startsWith("?OTR")
                || unstoredPrivate(event));
    }

    /**
     * A private message the OTR layer shows but does not store (issue 10): no durable {@code MessageReceived} follows,
     * so this is the one event that says it arrived.
     */
    public static boolean unstoredPrivate(Object event) {
        return event instanceof dev.sotto.engine.otr.OtrAccountEvent.ChatMessage m && !m.outgoing() && !m.store()
                && !m.carbon();
    }

    /** The notification's text for a message. */
    public static String text(XmppEvent.MessageReceived m) {
        return "New message from " + m.from().bare();
    }

    /** The notification's text for a private message: the contact, never the text. */
    public static String text(dev.sotto.engine.otr.OtrAccountEvent.ChatMessage m) {
        return "New message from " + m.contact();
    }

    /** On the event dispatch thread. */
    public void onEvent(Object event, boolean appFocused) {
        if (!shouldNotify(event, appFocused)) {
            return;
        }
        String text = event instanceof XmppEvent.MessageReceived m ? text(m)
                : text((dev.sotto.engine.otr.OtrAccountEvent.ChatMessage) event);
        TrayIcon icon = trayIcon();
        if (icon != null) {
            icon.displayMessage("Sotto", text, TrayIcon.MessageType.INFO);
        } else {
            inApp.accept(text);
        }
    }

    private TrayIcon trayIcon() {
        if (!trayTried) {
            trayTried = true;
            if (SystemTray.isSupported()) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                new PresenceIcon(dev.sotto.engine.xmpp.PresenceShow.AVAILABLE).paintIcon(null, image.getGraphics(), 2, 2);
                TrayIcon icon = new TrayIcon(image, "Sotto");
                icon.setImageAutoSize(true);
                try {
                    SystemTray.getSystemTray().add(icon);
                    tray = icon;
                } catch (AWTException e) {
                    tray = null; // no tray after all: in-app notices
                }
            }
        }
        return tray;
    }

    /** Removes the tray icon (at close). */
    public void close() {
        if (tray != null) {
            SystemTray.getSystemTray().remove(tray);
            tray = null;
        }
    }
}
