/*
 * A libotr peer driven over stdin/stdout for Sotto's interop tests. Written against the installed headers
 * in /usr/include/libotr only. One command per input line; every command's output ends with "DONE".
 * Payload text is escaped: backslash as "\\", newline as "\n".
 *
 * Commands:  RECV <text> | SEND <text> | QUERY | SMP <secret> | SMPQ <question>\t<secret> |
 *            SMPANSWER <secret> | SMPABORT | END | SYMKEY <use> | FRAG <size> | POLICY <hex> |
 *            BENCH_AKE <n> | BENCH_MSG <n> | QUIT
 * Output:    OUT <text> (to deliver to the other side), MSG <text>, TLV <type>, SECURE <fp> <ssid>,
 *            INSECURE, SMP <event> [question], MSGEVENT <n>, SYMKEY <use> <hex>, FP <our fp>, BENCH <ns>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gcrypt.h>
#include <libotr/proto.h>
#include <libotr/userstate.h>
#include <libotr/message.h>
#include <libotr/privkey.h>
#include <libotr/instag.h>
#include <libotr/tlv.h>

static const char *ACCOUNT = "libotr@sotto.test";
static const char *PROTOCOL = "xmpp";
static const char *BUDDY = "sotto@sotto.test";

static OtrlUserState us;
static OtrlMessageAppOps ops;
static int frag_size = 0;
static OtrlPolicy policy = OTRL_POLICY_MANUAL;
static char instag_file[4096];
static ConnContext *last_ctx = NULL;

/* Benchmarks: two accounts of this process talk to each other through a queue. */
static int bench_mode = 0;
static int secure_count = 0;
struct queued { char *to, *from, *msg; struct queued *next; };
static struct queued *qhead = NULL, *qtail = NULL;

static void qpush(const char *to, const char *from, const char *msg) {
    struct queued *q = calloc(1, sizeof *q);
    q->to = strdup(to); q->from = strdup(from); q->msg = strdup(msg);
    if (qtail) qtail->next = q; else qhead = q;
    qtail = q;
}

static void print_escaped(const char *prefix, const char *s) {
    fputs(prefix, stdout);
    for (; *s; s++) {
        if (*s == '\\') fputs("\\\\", stdout);
        else if (*s == '\n') fputs("\\n", stdout);
        else if (*s == '\r') fputs("\\r", stdout);
        else fputc(*s, stdout);
    }
    fputc('\n', stdout);
}

static void unescape(char *s) {
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
}

static void hex(const char *prefix, const unsigned char *b, size_t n) {
    fputs(prefix, stdout);
    for (size_t i = 0; i < n; i++) printf("%02X", b[i]);
}

static void emit_out(const char *msg) {
    print_escaped("OUT ", msg);
}

static OtrlPolicy op_policy(void *o, ConnContext *c) { (void) o; (void) c; return policy; }
static void op_create_privkey(void *o, const char *a, const char *p) { (void) o; (void) a; (void) p; }
static int op_is_logged_in(void *o, const char *a, const char *p, const char *r) {
    (void) o; (void) a; (void) p; (void) r; return 1;
}
static void op_inject(void *o, const char *a, const char *p, const char *r, const char *m) {
    (void) o; (void) p;
    if (bench_mode) qpush(r, a, m); else emit_out(m);
}
static void op_update_context_list(void *o) { (void) o; }
static void op_new_fingerprint(void *o, OtrlUserState u, const char *a, const char *p, const char *user,
        unsigned char fp[20]) {
    (void) o; (void) u; (void) a; (void) p; (void) user;
    if (!bench_mode) { hex("NEWFP ", fp, 20); putchar('\n'); }
}
static void op_write_fingerprints(void *o) { (void) o; }
static void op_gone_secure(void *o, ConnContext *c) {
    (void) o;
    if (bench_mode) { secure_count++; return; }
    last_ctx = c;
    hex("SECURE ", c->active_fingerprint->fingerprint, 20);
    hex(" ", c->sessionid, c->sessionid_len);
    printf(" v%u %08x\n", c->protocol_version, c->their_instance);
}
static void op_gone_insecure(void *o, ConnContext *c) { (void) o; (void) c; if (!bench_mode) puts("INSECURE"); }
static void op_still_secure(void *o, ConnContext *c, int is_reply) {
    (void) o; (void) is_reply;
    if (bench_mode) { secure_count++; return; }
    last_ctx = c; puts("STILLSECURE");
}
static int op_max_message_size(void *o, ConnContext *c) { (void) o; (void) c; return frag_size; }
static const char *op_account_name(void *o, const char *a, const char *p) { (void) o; (void) p; return a; }
static void op_account_name_free(void *o, const char *n) { (void) o; (void) n; }
static void op_received_symkey(void *o, ConnContext *c, unsigned int use, const unsigned char *usedata,
        size_t usedatalen, const unsigned char *symkey) {
    (void) o; (void) c; (void) usedata;
    printf("RSYMKEY %u %zu", use, usedatalen);
    hex(" ", symkey, OTRL_EXTRAKEY_BYTES);
    putchar('\n');
}
static const char *op_otr_error_message(void *o, ConnContext *c, OtrlErrorCode code) {
    (void) o; (void) c;
    static char buf[64];
    snprintf(buf, sizeof buf, "libotr error %d", (int) code);
    return buf;
}
static void op_otr_error_message_free(void *o, const char *m) { (void) o; (void) m; }
static void op_smp_event(void *o, OtrlSMPEvent e, ConnContext *c, unsigned short pct, char *question) {
    (void) o; (void) pct;
    last_ctx = c;
    printf("SMP %d", (int) e);
    if (question) print_escaped(" ", question); else putchar('\n');
    if (e == OTRL_SMPEVENT_CHEATED || e == OTRL_SMPEVENT_ERROR) otrl_message_abort_smp(us, &ops, NULL, c);
}
static void op_msg_event(void *o, OtrlMessageEvent e, ConnContext *c, const char *m, gcry_error_t err) {
    (void) o; (void) c; (void) m; (void) err;
    if (!bench_mode) printf("MSGEVENT %d\n", (int) e);
}
static void op_create_instag(void *o, const char *a, const char *p) {
    (void) o; otrl_instag_generate(us, instag_file, a, p);
}

static void send_text(const char *text, OtrlTLV *tlvs) {
    char *out = NULL;
    gcry_error_t err = otrl_message_sending(us, &ops, NULL, ACCOUNT, PROTOCOL, BUDDY, OTRL_INSTAG_BEST, text, tlvs,
            &out, OTRL_FRAGMENT_SEND_ALL_BUT_LAST, NULL, NULL, NULL);
    if (err) {
        printf("SENDERR %u\n", (unsigned) err);
    } else if (out) {
        emit_out(out);
    } else {
        emit_out(text);
    }
    if (out) otrl_message_free(out);
}

static void receive_text(const char *text) {
    char *newmsg = NULL;
    OtrlTLV *tlvs = NULL;
    ConnContext *ctx = NULL;
    int internal = otrl_message_receiving(us, &ops, NULL, ACCOUNT, PROTOCOL, BUDDY, text, &newmsg, &tlvs, &ctx,
            NULL, NULL);
    if (ctx && ctx->msgstate == OTRL_MSGSTATE_ENCRYPTED) last_ctx = ctx;
    {
        for (OtrlTLV *t = tlvs; t; t = t->next) printf("TLV %u\n", t->type);
        if (!internal) print_escaped("MSG ", newmsg ? newmsg : text);
    }
    if (otrl_tlv_find(tlvs, OTRL_TLV_DISCONNECTED)) puts("DISCONNECTED");
    if (newmsg) otrl_message_free(newmsg);
    if (tlvs) otrl_tlv_free(tlvs);
}

static void bench_pump(void) {
    while (qhead) {
        struct queued *q = qhead;
        qhead = q->next;
        if (!qhead) qtail = NULL;
        char *newmsg = NULL;
        OtrlTLV *tlvs = NULL;
        otrl_message_receiving(us, &ops, NULL, q->to, PROTOCOL, q->from, q->msg, &newmsg, &tlvs, NULL, NULL, NULL);
        if (newmsg) otrl_message_free(newmsg);
        if (tlvs) otrl_tlv_free(tlvs);
        free(q->to); free(q->from); free(q->msg); free(q);
    }
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* One AKE between accounts bench-a and bench-b, started by bench-a's Query Message. */
static int bench_ake(void) {
    otrl_context_forget_all(us);
    secure_count = 0;
    char *q = otrl_proto_default_query_msg("bench-a", policy);
    qpush("bench-b", "bench-a", q);
    free(q);
    bench_pump();
    return secure_count >= 2;
}

static void bench(const char *what, long n) {
    bench_mode = 1;
    static const char msg[] = "0123456789012345678901234567890123456789012345678901234567890123456789"
                              "012345678901234567890123456789"; /* 100 bytes */
    long long t0 = now_ns();
    int ok = 1;
    if (!strcmp(what, "SETUP")) {
        ok = bench_ake();
    } else if (!strcmp(what, "AKE")) {
        for (long i = 0; i < n && ok; i++) ok = bench_ake();
    } else if (!strcmp(what, "MSG")) {
        for (long i = 0; i < n && ok; i++) {
            char *out = NULL;
            if (otrl_message_sending(us, &ops, NULL, "bench-a", PROTOCOL, "bench-b", OTRL_INSTAG_BEST, msg, NULL,
                    &out, OTRL_FRAGMENT_SEND_SKIP, NULL, NULL, NULL) || !out) {
                ok = 0;
                break;
            }
            char *newmsg = NULL;
            otrl_message_receiving(us, &ops, NULL, "bench-b", PROTOCOL, "bench-a", out, &newmsg, NULL, NULL, NULL, NULL);
            ok = newmsg && !strcmp(newmsg, msg);
            if (newmsg) otrl_message_free(newmsg);
            otrl_message_free(out);
            bench_pump();
        }
    }
    long long dt = now_ns() - t0;
    bench_mode = 0;
    if (ok) printf("BENCH %s %lld\n", what, n > 0 ? dt / n : dt); else printf("BENCHERR %s\n", what);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: otrpeer PRIVKEY_FILE INSTAG_FILE\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    OTRL_INIT;
    us = otrl_userstate_create();
    snprintf(instag_file, sizeof instag_file, "%s", argv[2]);
    if (otrl_privkey_read(us, argv[1])) {
        /* No usable key file: generate one (slow); tests normally pass a fixture key. */
        otrl_privkey_generate(us, argv[1], ACCOUNT, PROTOCOL);
    }
    otrl_instag_read(us, instag_file);
    memset(&ops, 0, sizeof ops);
    ops.policy = op_policy;
    ops.create_privkey = op_create_privkey;
    ops.is_logged_in = op_is_logged_in;
    ops.inject_message = op_inject;
    ops.update_context_list = op_update_context_list;
    ops.new_fingerprint = op_new_fingerprint;
    ops.write_fingerprints = op_write_fingerprints;
    ops.gone_secure = op_gone_secure;
    ops.gone_insecure = op_gone_insecure;
    ops.still_secure = op_still_secure;
    ops.max_message_size = op_max_message_size;
    ops.account_name = op_account_name;
    ops.account_name_free = op_account_name_free;
    ops.received_symkey = op_received_symkey;
    ops.otr_error_message = op_otr_error_message;
    ops.otr_error_message_free = op_otr_error_message_free;
    ops.handle_smp_event = op_smp_event;
    ops.handle_msg_event = op_msg_event;
    ops.create_instag = op_create_instag;

    char fp[OTRL_PRIVKEY_FPRINT_HUMAN_LEN];
    if (otrl_privkey_fingerprint(us, fp, ACCOUNT, PROTOCOL)) printf("FP %s\n", fp);
    puts("READY");

    static char line[1 << 20];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        char *arg = strchr(line, ' ');
        if (arg) *arg++ = 0; else arg = line + n;
        unescape(arg);
        if (!strcmp(line, "RECV")) {
            receive_text(arg);
        } else if (!strcmp(line, "SEND")) {
            send_text(arg, NULL);
        } else if (!strcmp(line, "QUERY")) {
            char *q = otrl_proto_default_query_msg(ACCOUNT, policy);
            emit_out(q);
            free(q);
        } else if (!strcmp(line, "SMP") && last_ctx) {
            otrl_message_initiate_smp(us, &ops, NULL, last_ctx, (const unsigned char *) arg, strlen(arg));
        } else if (!strcmp(line, "SMPQ") && last_ctx) {
            char *tab = strchr(arg, '\t');
            if (tab) {
                *tab++ = 0;
                otrl_message_initiate_smp_q(us, &ops, NULL, last_ctx, arg, (const unsigned char *) tab, strlen(tab));
            }
        } else if (!strcmp(line, "SMPANSWER") && last_ctx) {
            otrl_message_respond_smp(us, &ops, NULL, last_ctx, (const unsigned char *) arg, strlen(arg));
        } else if (!strcmp(line, "SMPABORT") && last_ctx) {
            otrl_message_abort_smp(us, &ops, NULL, last_ctx);
        } else if (!strcmp(line, "END")) {
            otrl_message_disconnect_all_instances(us, &ops, NULL, ACCOUNT, PROTOCOL, BUDDY);
        } else if (!strcmp(line, "SYMKEY") && last_ctx) {
            unsigned char key[OTRL_EXTRAKEY_BYTES];
            unsigned int use = (unsigned int) strtoul(arg, NULL, 10);
            if (!otrl_message_symkey(us, &ops, NULL, last_ctx, use, (const unsigned char *) "", 0, key)) {
                printf("SYMKEY %u", use);
                hex(" ", key, sizeof key);
                putchar('\n');
            }
        } else if (!strcmp(line, "FRAG")) {
            frag_size = atoi(arg);
        } else if (!strcmp(line, "POLICY")) {
            policy = (OtrlPolicy) strtoul(arg, NULL, 16);
        } else if (!strcmp(line, "STATE")) {
            printf("STATE %d\n", last_ctx ? (int) last_ctx->msgstate : -1);
        } else if (!strncmp(line, "BENCH_", 6)) {
            bench(line + 6, atol(arg));
        } else if (!strcmp(line, "QUIT")) {
            puts("DONE");
            break;
        } else {
            printf("UNKNOWN %s\n", line);
        }
        puts("DONE");
    }
    otrl_userstate_free(us);
    return 0;
}
