package dev.sotto.ui;

import dev.sotto.engine.EventBus;
import dev.sotto.engine.SottoEngine;
import dev.sotto.ui.chat.ChatWindow;
import dev.sotto.ui.chat.ConversationHistory;
import dev.sotto.ui.main.MainPanel;
import dev.sotto.ui.main.Notifier;
import dev.sotto.ui.start.StartPanel;
import dev.sotto.ui.theme.Theme;
import dev.sotto.ui.theme.ThemePreference;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The desktop window: the start screen until the vault is open, then the main view. The View menu switches
 * between the light and dark theme and remembers the choice in the look-and-feel preference file.
 */
public final class SottoFrame extends JFrame {
    private static final long serialVersionUID = 1L;

    public static final String DARK_THEME_ITEM = "darkTheme";
    public static final String MAIN = "main";

    private final transient UiConfig config;
    private final transient ThemePreference preference;
    private final CardLayout cards = new CardLayout();
    private final JPanel content = new JPanel(cards);
    private final JCheckBoxMenuItem darkItem = new JCheckBoxMenuItem("Dark theme");
    private final transient CompletableFuture<Session> session = new CompletableFuture<>();
    private final transient CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StartPanel<Session> start;
    /** The window was closed: a session that arrives now is closed, not shown (event dispatch thread). */
    private boolean closing;
    private MainPanel main;
    private ChatWindow chat;
    private transient Notifier notifier;
    private transient EventBus.Subscription subscription;

    private SottoFrame(UiConfig config) {
        super("Sotto");
        this.config = config;
        this.preference = new ThemePreference(config.preferencesDir());
        // Dispose, not exit: closing syncs and closes the vault first; UI tests must outlive the window.
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        setJMenuBar(menuBar());
        start = new StartPanel<>(config.vaultDir(), config.newVaultKdf(), (opener, progress) -> {
            // The event dispatch thread idles while the vault opens and the log replays: it loads the main
            // window's component classes meanwhile, so building that window afterwards is quicker (issue 10).
            SwingUtilities.invokeLater(MainPanel::warmUp);
            return Session.load(opener, progress);
        }, this::showMain);
        content.add(start, "start");
        content.setPreferredSize(new Dimension(820, 540));
        setContentPane(content);
        setMinimumSize(new Dimension(480, 360));
        setSize(900, 600);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                closeSession();
            }
        });
    }

    /**
     * Installs the theme (the override, else the remembered one) and builds the window, not yet visible.
     * On the event dispatch thread.
     */
    public static SottoFrame build(UiConfig config) {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("SottoFrame.build must run on the event dispatch thread");
        }
        Theme theme = config.themeOverride() != null ? config.themeOverride()
                : new ThemePreference(config.preferencesDir()).load();
        // FlatLaf must be installed before the first component is created.
        theme.install();
        SottoFrame frame = new SottoFrame(config);
        frame.darkItem.setSelected(theme == Theme.DARK);
        // While the start screen waits for the passphrase: what the unlock needs that no passphrase unlocks.
        Session.warmUpInBackground();
        return frame;
    }

    private JMenuBar menuBar() {
        JMenuBar bar = new JMenuBar();
        JMenu view = new JMenu("View");
        view.setName("viewMenu");
        view.setMnemonic(KeyEvent.VK_V);
        darkItem.setName(DARK_THEME_ITEM);
        darkItem.addActionListener(e -> setTheme(darkItem.isSelected() ? Theme.DARK : Theme.LIGHT));
        view.add(darkItem);
        bar.add(view);
        return bar;
    }

    private void setTheme(Theme theme) {
        theme.install();
        try {
            preference.store(theme);
        } catch (IOException e) {
            // Not remembering a theme is harmless; the choice still applies to this run.
        }
    }

    private void showMain(Session loaded) {
        if (closing) {
            // The window was closed while the vault opened: closeSession closes this session once the attempt ends.
            session.complete(loaded);
            return;
        }
        try {
            SottoEngine engine = loaded.engine();
            chat = new ChatWindow(engine, loaded.otr(), c -> main.setOpenConversation(c),
                    new ConversationHistory(loaded.vault().log(), engine));
            main = new MainPanel(engine, loaded.initialView(), c -> chat.open(c));
            content.add(main, MAIN);
            cards.show(content, MAIN);
            // Bus events arrive on the bus thread; the views change on the event dispatch thread only.
            notifier = new Notifier(main::showNotice);
            subscription = engine.subscribe(event -> SwingUtilities.invokeLater(() -> {
                if (main != null) {
                    main.onEvent(event);
                    chat.onEvent(event);
                    notifier.onEvent(event, isFocused() || chat.isFocused());
                }
            }));
            main.connectAll();
            session.complete(loaded);
        } catch (RuntimeException e) {
            // Whoever waits for the session must learn that the window could not be built, not wait forever.
            // The message names a condition only (views never hold secrets in exception text).
            System.err.println("sotto: the main window could not be built: " + e);
            session.completeExceptionally(e);
            throw e;
        }
    }

    /** The main panel once the vault is open. */
    public MainPanel mainPanel() {
        return main;
    }

    /** The chat window once the vault is open. */
    public ChatWindow chatWindow() {
        return chat;
    }

    /** Completes with the session once the vault is open and replayed. */
    public CompletableFuture<Session> session() {
        return session;
    }

    /** Completes once the window was closed and the vault closed after it. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public UiConfig config() {
        return config;
    }

    /**
     * The window closed: the session (if any) is closed, and {@link #closed} completes only after the vault is
     * closed, i.e. after the engine's loops, the log's writer, its last sync and anchor and the key ring's last
     * write are done: nothing writes into the vault directory after that. If the vault is still being opened,
     * this waits for that attempt and closes what it opened.
     */
    private void closeSession() {
        if (closing) {
            return;
        }
        closing = true;
        start.whenIdle().whenComplete((ok, err) -> SwingUtilities.invokeLater(this::finishClose));
    }

    private void finishClose() {
        if (!session.isDone()) {
            closed.complete(null);
            return;
        }
        Session open = session.join();
        if (subscription != null) {
            subscription.close();
            chat.dispose();
            notifier.close();
        }
        // Closing syncs the log: off the event dispatch thread.
        Thread closer = new Thread(() -> {
            try {
                open.close();
                closed.complete(null);
            } catch (IOException | RuntimeException e) {
                closed.completeExceptionally(e);
            }
        }, "sotto-close");
        closer.start();
    }
}
