package dev.sotto.ui.main;

import dev.sotto.engine.Conversation;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.account.XmppAccount;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.XmppEvent;
import dev.sotto.engine.xmpp.Jid;
import dev.sotto.engine.xmpp.PresenceShow;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextField;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;

/**
 * The main window's content: accounts with their live connection state, every account's contacts with
 * presence and unread badges, subscription requests, own presence. It renders {@link MainView} and turns the
 * user's actions into engine commands; it never touches a socket or a key (DESIGN.md, How data flows).
 */
public final class MainPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final transient SottoEngine engine;
    private final transient Consumer<Conversation> openChat;
    private transient MainView view;
    private final Set<Jid> prompting = new HashSet<>();
    private transient PresenceShow ownShow = PresenceShow.AVAILABLE;

    private final DefaultListModel<AccountRow> accountModel = new DefaultListModel<>();
    private final JList<AccountRow> accounts = new JList<>(accountModel);
    private final DefaultListModel<ContactRow> contactModel = new DefaultListModel<>();
    private final JList<ContactRow> contacts = new JList<>(contactModel);
    private final DefaultListModel<Conversation> requestModel = new DefaultListModel<>();
    private final JList<Conversation> requests = new JList<>(requestModel);
    private final JPanel requestPanel = new JPanel(new BorderLayout());
    private final JLabel notice = new JLabel();
    private final JComboBox<String> presence = new JComboBox<>(
            new String[] {"Available", "Free to chat", "Away", "Extended away", "Do not disturb", "Offline"});
    private static final PresenceShow[] PRESENCE_SHOWS = {PresenceShow.AVAILABLE, PresenceShow.CHAT,
        PresenceShow.AWAY, PresenceShow.XA, PresenceShow.DND, PresenceShow.UNAVAILABLE};

    /**
     * Creates and lays out, once and thrown away, the kinds of components this panel is made of, so that their
     * classes and look-and-feel delegates are loaded before the panel is built (issue 10's start-up: the desktop
     * window runs this on the event dispatch thread while the log replays, when it has nothing else to do). On the
     * event dispatch thread.
     */
    public static void warmUp() {
        JList<ContactRow> list = new JList<>(new DefaultListModel<>());
        list.setCellRenderer(new ContactRenderer(true));
        JToolBar bar = new JToolBar();
        bar.add(new JButton("warm-up"));
        bar.add(new JComboBox<>(new String[] {"warm-up"}));
        JPanel p = new JPanel(new BorderLayout());
        p.add(bar, BorderLayout.NORTH);
        p.add(new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(new JList<>()), new JScrollPane(list)),
                BorderLayout.CENTER);
        p.setSize(400, 300);
        p.doLayout();
    }

    /**
     * @param openChat called when the user opens a conversation (double click or Enter on a contact)
     */
    public MainPanel(SottoEngine engine, Consumer<Conversation> openChat) {
        this(engine, MainView.of(engine.state()), openChat);
    }

    /**
     * @param initial the view of the engine's state, computed off the event dispatch thread (issue 10: the start-up
     *     fold runs on the loader's thread; the panel only renders it)
     */
    public MainPanel(SottoEngine engine, MainView initial, Consumer<Conversation> openChat) {
        super(new BorderLayout());
        setName("main");
        this.engine = engine;
        this.openChat = openChat;
        this.view = initial;
        accounts.setName("accounts");
        contacts.setName("contacts");
        requests.setName("requests");
        presence.setName("presence");
        accounts.setCellRenderer((list, row, index, selected, focused) -> {
            JLabel l = new JLabel(row.label(), new PresenceIcon(switch (row.state()) {
                case ONLINE -> PresenceShow.AVAILABLE;
                case CONNECTING, RECONNECTING -> PresenceShow.AWAY;
                case FAILED -> PresenceShow.DND;
                case OFFLINE -> PresenceShow.UNAVAILABLE;
            }), JLabel.LEADING);
            l.setOpaque(true);
            l.setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
            l.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            l.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
            return l;
        });
        accounts.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        contacts.setCellRenderer(new ContactRenderer(true));
        contacts.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        contacts.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && contacts.getSelectedValue() != null) {
                    openChat.accept(contacts.getSelectedValue().conversation());
                }
            }
        });
        contacts.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "open");
        contacts.getActionMap().put("open", new javax.swing.AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                if (contacts.getSelectedValue() != null) {
                    openChat.accept(contacts.getSelectedValue().conversation());
                }
            }
        });
        requests.setCellRenderer((list, c, index, selected, focused) -> {
            JLabel l = new JLabel(c.contact() + " wants to see your presence (" + c.account() + ")");
            l.setOpaque(true);
            l.setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            l.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
            return l;
        });

        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.add(button("Add account", "addAccount", this::addAccount));
        bar.add(button("Edit account", "editAccount", this::editAccount));
        bar.add(button("Remove account", "removeAccount", this::removeAccount));
        bar.addSeparator();
        bar.add(button("Add contact", "addContact", this::addContact));
        bar.add(javax.swing.Box.createHorizontalGlue());
        bar.add(new JLabel("My status: "));
        bar.add(presence);
        presence.addActionListener(e -> setOwnPresence(PRESENCE_SHOWS[presence.getSelectedIndex()]));
        notice.setName("notice");
        notice.setVisible(false);
        notice.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        notice.putClientProperty("FlatLaf.style", "background: $Component.accentColor; foreground: #ffffff");
        notice.setOpaque(true);
        JPanel north = new JPanel(new BorderLayout());
        north.add(bar, BorderLayout.NORTH);
        north.add(notice, BorderLayout.SOUTH);
        add(north, BorderLayout.NORTH);

        JPanel requestButtons = new JPanel(new GridLayout(1, 2, 4, 0));
        requestButtons.add(button("Approve", "approve", () -> answer(true)));
        requestButtons.add(button("Deny", "deny", () -> answer(false)));
        requestPanel.add(new JLabel("Subscription requests"), BorderLayout.NORTH);
        requestPanel.add(new JScrollPane(requests), BorderLayout.CENTER);
        requestPanel.add(requestButtons, BorderLayout.SOUTH);

        JPanel left = new JPanel(new BorderLayout());
        left.add(titled("Accounts", new JScrollPane(accounts)), BorderLayout.CENTER);
        left.add(requestPanel, BorderLayout.SOUTH);
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left,
                titled("Contacts", new JScrollPane(contacts)));
        split.setResizeWeight(0.35);
        add(split, BorderLayout.CENTER);
        render();
    }

    private static JComponent titled(String title, JComponent c) {
        JPanel p = new JPanel(new BorderLayout());
        JLabel l = new JLabel(title);
        l.putClientProperty("FlatLaf.styleClass", "h4");
        l.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        p.add(l, BorderLayout.NORTH);
        p.add(c, BorderLayout.CENTER);
        return p;
    }

    private static JButton button(String text, String name, Runnable action) {
        JButton b = new JButton(text);
        b.setName(name);
        b.addActionListener(e -> action.run());
        return b;
    }

    /** The current view (on the event dispatch thread). */
    public MainView view() {
        return view;
    }

    /** Connects every account (at start). */
    public void connectAll() {
        for (AccountRow row : view.accountList()) {
            connect(row.account());
        }
    }

    private void connect(Jid account) {
        view = view.connecting(account);
        engine.connect(account);
        render();
    }

    /** A bus event, delivered on the event dispatch thread. */
    public void onEvent(Object event) {
        view = view.apply(event);
        if (event instanceof XmppEvent.Connected c && ownShow != PresenceShow.AVAILABLE) {
            engine.setPresence(c.account().bare(), ownShow, null, 0);
        }
        render();
        if (event instanceof XmppEvent.CertificateUntrusted u) {
            promptCertificate(u);
        }
    }

    /** Shows an in-app notice (when there is no system tray); cleared when the user reads a conversation. */
    public void showNotice(String text) {
        notice.setText(text);
        notice.setVisible(true);
        revalidate();
    }

    /** The user reads {@code conversation} now ({@code null}: none); its badge goes away. */
    public void setOpenConversation(Conversation conversation) {
        view = view.opened(conversation);
        if (conversation != null) {
            notice.setVisible(false);
        }
        render();
    }

    private void render() {
        AccountRow selectedAccount = accounts.getSelectedValue();
        replace(accountModel, view.accountList());
        if (selectedAccount != null) {
            accounts.setSelectedValue(findAccount(selectedAccount.account()), false);
        }
        ContactRow selected = contacts.getSelectedValue();
        replace(contactModel, view.contactList());
        if (selected != null) {
            ContactRow now = view.contacts().get(selected.conversation());
            if (now != null) {
                contacts.setSelectedValue(now, false);
            }
        }
        replace(requestModel, view.requestList());
        requestPanel.setVisible(!requestModel.isEmpty());
        Window w = SwingUtilities.getWindowAncestor(this);
        if (w instanceof java.awt.Frame f) {
            int unread = view.unreadTotal();
            f.setTitle(unread > 0 ? "Sotto (" + unread + ")" : "Sotto");
        }
    }

    private AccountRow findAccount(Jid jid) {
        return view.accounts().get(jid);
    }

    private static <T> void replace(DefaultListModel<T> model, List<T> rows) {
        if (model.size() == rows.size()) {
            boolean same = true;
            for (int i = 0; i < rows.size() && same; i++) {
                same = model.get(i).equals(rows.get(i));
            }
            if (same) {
                return;
            }
        }
        model.clear();
        model.addAll(rows);
    }

    // ------------------------------------------------------------------ commands

    private void addAccount() {
        AccountDialog.Result r = new AccountDialog(SwingUtilities.getWindowAncestor(this), null).showDialog();
        if (r == null) {
            return;
        }
        try {
            if (view.accounts().containsKey(r.jid().bare())) {
                JOptionPane.showMessageDialog(this, "That account exists already.");
                return;
            }
            engine.addAccount(r.jid(), Secret.ofUtf8(r.password()), r.host(), r.port(), r.tlsPolicy(), null);
        } finally {
            AccountDialog.wipe(r);
        }
        connect(r.jid().bare());
    }

    private void editAccount() {
        AccountRow row = accounts.getSelectedValue();
        if (row == null) {
            return;
        }
        XmppAccount existing = engine.state().accounts().get(row.account());
        AccountDialog.Result r = new AccountDialog(SwingUtilities.getWindowAncestor(this), existing).showDialog();
        if (r == null) {
            return;
        }
        try {
            Secret password = r.password() != null ? Secret.ofUtf8(r.password()) : existing.password();
            engine.changeAccount(row.account(), password, r.host(), r.port(), r.tlsPolicy(), existing.resource());
        } finally {
            AccountDialog.wipe(r);
        }
        engine.disconnect(row.account());
        connect(row.account());
    }

    private void removeAccount() {
        AccountRow row = accounts.getSelectedValue();
        if (row == null) {
            return;
        }
        int answer = JOptionPane.showConfirmDialog(this, "Remove " + row.account() + " from Sotto?",
                "Remove account", JOptionPane.OK_CANCEL_OPTION);
        if (answer == JOptionPane.OK_OPTION) {
            engine.removeAccount(row.account());
        }
    }

    private void addContact() {
        List<AccountRow> all = view.accountList();
        if (all.isEmpty()) {
            JOptionPane.showMessageDialog(this, "Add an account first.");
            return;
        }
        JComboBox<Jid> account = new JComboBox<>(all.stream().map(AccountRow::account).toArray(Jid[]::new));
        account.setName("contactAccount");
        JTextField jid = new JTextField(24);
        jid.setName("contactJid");
        JTextField name = new JTextField(24);
        name.setName("contactName");
        JPanel form = new JPanel(new GridLayout(0, 2, 6, 4));
        form.add(new JLabel("Account:"));
        form.add(account);
        form.add(new JLabel("Address (JID):"));
        form.add(jid);
        form.add(new JLabel("Name (optional):"));
        form.add(name);
        int answer = JOptionPane.showConfirmDialog(this, form, "Add contact", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE);
        Jid contact = Jid.parse(jid.getText().trim());
        if (answer != JOptionPane.OK_OPTION || contact == null) {
            return;
        }
        engine.addContact((Jid) account.getSelectedItem(), contact.bare(),
                name.getText().isBlank() ? null : name.getText().trim());
    }

    private void answer(boolean approve) {
        Conversation c = requests.getSelectedValue();
        if (c == null && requestModel.size() == 1) {
            c = requestModel.get(0);
        }
        if (c != null) {
            engine.answerSubscription(c.account(), c.contact(), approve);
        }
    }

    private void setOwnPresence(PresenceShow show) {
        ownShow = show;
        for (AccountRow row : view.accountList()) {
            if (show == PresenceShow.UNAVAILABLE) {
                if (row.state() != ConnectionState.OFFLINE) {
                    engine.disconnect(row.account());
                }
            } else if (row.state() == ConnectionState.ONLINE) {
                engine.setPresence(row.account(), show, null, 0);
            } else if (row.state() == ConnectionState.OFFLINE) {
                connect(row.account());
            }
        }
    }

    private void promptCertificate(XmppEvent.CertificateUntrusted u) {
        Jid account = u.account().bare();
        if (!prompting.add(account)) {
            return;
        }
        // Shown after the current event is rendered; modal, so later events queue behind it.
        SwingUtilities.invokeLater(() -> {
            try {
                CertificatePrompt.Decision d = new CertificatePrompt(SwingUtilities.getWindowAncestor(this),
                        account.toString(), u.sha256(), u.reason(), true).showDialog();
                if (d == CertificatePrompt.Decision.ACCEPT_ALWAYS && view.accounts().containsKey(account)) {
                    engine.pinCertificate(account, u.sha256()).whenComplete((pos, err) ->
                            SwingUtilities.invokeLater(() -> connect(account)));
                } else if (d == CertificatePrompt.Decision.ACCEPT_ONCE && view.accounts().containsKey(account)) {
                    // Trusted while this engine runs, never pinned (DESIGN.md, Reconnects and downgrades).
                    engine.acceptCertificateOnce(account, u.sha256());
                    connect(account);
                }
            } finally {
                prompting.remove(account);
            }
        });
    }
}
