/*
 * bzrtp_peer: a libbzrtp (Debian libbzrtp0 5.1) ZRTP endpoint for Sotto's interop tests (issue 9).
 * Written against /usr/include/bzrtp/bzrtp.h only (clean room: no bzrtp sources were read).
 *
 *   bzrtp_peer peer --peer-port N [--port N] [--cache FILE] [--self-uri U] [--peer-uri U]
 *                   [--ka DH3k,X255,...] [--sas B32|B256] [--hash S256] [--cipher AES1] [--auth HS32]
 *                   [--ssrc N] [--verify] [--tamper TYPE] [--timeout-ms N]
 *       Binds 127.0.0.1:port (0 = ephemeral) and exchanges ZRTP packets with 127.0.0.1:peer-port.
 *       Prints one JSON object per line on stdout:
 *         {"event":"ready","port":P}
 *         {"event":"srtp","selfKey":hex,"selfSalt":hex,"peerKey":hex,"peerSalt":hex,"cipher":n,"auth":n,...}
 *         {"event":"secure","sas":"xxxx","verified":0|1,"cacheMismatch":0|1,"role":"initiator"|"responder",...}
 *         {"event":"status","status":"error"|"secure"|...}
 *         {"event":"message","level":n,"id":n}
 *         {"event":"error","what":"..."}
 *       --tamper TYPE flips one byte inside every outgoing message whose 8-octet type block starts with
 *       TYPE (e.g. DHPart2, DHPart1, Confirm) and recomputes the CRC-32C, so the packet passes the CRC and
 *       must be caught by the protocol (hash chain, hvi, Confirm MAC).
 *       --verify marks the SAS verified (bzrtp_SASVerified) once the channel is secure.
 *       stdin commands: "verify", "quit". EOF on stdin ends the process.
 *
 *   bzrtp_peer bench --ka KA [--n N]
 *       Runs N complete bzrtp<->bzrtp handshakes in memory (no cache) and prints
 *       {"event":"bench","ka":KA,"n":N,"cpuNsPerHandshake":X} (process CPU time, both endpoints).
 */
#include <bzrtp/bzrtp.h>
#include <sqlite3.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* RFC 6189 §5: 12-octet packet header, then the message; the message type block at message offset 4. */
#define PACKET_HEADER 12
#define CRC_LENGTH 4

static uint32_t crc32c_table[256];

static void crc32c_init(void) {
    /* RFC 6189 §5 uses CRC-32C (RFC 4960 Appendix B): reflected polynomial 0x82F63B78. */
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        }
        crc32c_table[i] = c;
    }
}

static uint32_t crc32c(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c = crc32c_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    }
    return ~c;
}

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void hex(char *out, const uint8_t *p, size_t n) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = 0;
}

static const char *algo_name(uint8_t algo) {
    switch (algo) {
    case ZRTP_HASH_S256: return "S256";
    case ZRTP_HASH_S384: return "S384";
    case ZRTP_CIPHER_AES1: return "AES1";
    case ZRTP_CIPHER_AES2: return "AES2";
    case ZRTP_CIPHER_AES3: return "AES3";
    case ZRTP_AUTHTAG_HS32: return "HS32";
    case ZRTP_AUTHTAG_HS80: return "HS80";
    case ZRTP_KEYAGREEMENT_DH2k: return "DH2k";
    case ZRTP_KEYAGREEMENT_DH3k: return "DH3k";
    case ZRTP_KEYAGREEMENT_EC25: return "EC25";
    case ZRTP_KEYAGREEMENT_EC38: return "EC38";
    case ZRTP_KEYAGREEMENT_EC52: return "EC52";
    case ZRTP_KEYAGREEMENT_X255: return "X255";
    case ZRTP_KEYAGREEMENT_X448: return "X448";
    case ZRTP_KEYAGREEMENT_Mult: return "Mult";
    case ZRTP_KEYAGREEMENT_Prsh: return "Prsh";
    case ZRTP_SAS_B32: return "B32";
    case ZRTP_SAS_B256: return "B256";
    default: return "?";
    }
}

static int algo_code(const char *name) {
    static const struct { const char *n; int c; } map[] = {
        {"S256", ZRTP_HASH_S256}, {"S384", ZRTP_HASH_S384},
        {"AES1", ZRTP_CIPHER_AES1}, {"AES2", ZRTP_CIPHER_AES2}, {"AES3", ZRTP_CIPHER_AES3},
        {"HS32", ZRTP_AUTHTAG_HS32}, {"HS80", ZRTP_AUTHTAG_HS80},
        {"DH2k", ZRTP_KEYAGREEMENT_DH2k}, {"DH3k", ZRTP_KEYAGREEMENT_DH3k}, {"EC25", ZRTP_KEYAGREEMENT_EC25},
        {"EC38", ZRTP_KEYAGREEMENT_EC38}, {"EC52", ZRTP_KEYAGREEMENT_EC52}, {"X255", ZRTP_KEYAGREEMENT_X255},
        {"X448", ZRTP_KEYAGREEMENT_X448}, {"Mult", ZRTP_KEYAGREEMENT_Mult},
        {"B32", ZRTP_SAS_B32}, {"B256", ZRTP_SAS_B256},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(map[i].n, name) == 0) {
            return map[i].c;
        }
    }
    return -1;
}

/* Parses "A,B,C" into codes; returns the count, -1 on an unknown name. */
static int parse_list(const char *list, uint8_t out[7]) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s", list);
    int n = 0;
    for (char *tok = strtok(buf, ","); tok != NULL && n < 7; tok = strtok(NULL, ",")) {
        int c = algo_code(tok);
        if (c < 0) {
            return -1;
        }
        out[n++] = (uint8_t)c;
    }
    return n;
}

/* ---------------------------------------------------------------- peer mode */

typedef struct {
    int sock;
    struct sockaddr_in peer;
    const char *tamper;
    int tampered;
    int secure;
    int verify_on_secure;
    int last_status;
    bzrtpContext_t *ctx;
    uint32_t ssrc;
    int role;
} Peer;

static Peer peer_state;

static void tamper_packet(uint8_t *p, size_t n, const char *type) {
    if (n < PACKET_HEADER + 12 + CRC_LENGTH) {
        return;
    }
    const uint8_t *block = p + PACKET_HEADER + 4;
    if (strncmp((const char *)block, type, strlen(type)) != 0) {
        return;
    }
    /* Flip one octet well inside the message body: for DHPart1/2 it lands in pv (message offset 76 + 10),
     * for Confirm1/2 in the encrypted part (message offset 36 + 4). */
    size_t offset;
    if (strncmp((const char *)block, "DHPart", 6) == 0) {
        offset = PACKET_HEADER + 86;
    } else if (strncmp((const char *)block, "Confirm", 7) == 0) {
        offset = PACKET_HEADER + 40;
    } else {
        offset = PACKET_HEADER + 20;
    }
    if (offset >= n - CRC_LENGTH) {
        return;
    }
    p[offset] ^= 0x5A;
    uint32_t c = crc32c(p, n - CRC_LENGTH);
    /* RFC 4960 Appendix B byte order, least significant octet first (what bzrtp itself sends) */
    p[n - 4] = (uint8_t)c;
    p[n - 3] = (uint8_t)(c >> 8);
    p[n - 2] = (uint8_t)(c >> 16);
    p[n - 1] = (uint8_t)(c >> 24);
    peer_state.tampered++;
    if (peer_state.tampered == 1) {
        printf("{\"event\":\"tampered\",\"type\":\"%.8s\"}\n", (const char *)block);
        fflush(stdout);
    }
}

static int peer_send(void *clientData, const uint8_t *packet, uint16_t length) {
    (void)clientData;
    uint8_t buf[4096];
    if (length > sizeof buf) {
        return -1;
    }
    memcpy(buf, packet, length);
    if (peer_state.tamper != NULL) {
        tamper_packet(buf, length, peer_state.tamper);
    }
    ssize_t sent = sendto(peer_state.sock, buf, length, 0, (struct sockaddr *)&peer_state.peer, sizeof peer_state.peer);
    return sent == (ssize_t)length ? 0 : -1;
}

static int peer_status_message(void *clientData, const uint8_t level, const uint8_t id, const char *text) {
    (void)clientData;
    char safe[128];
    size_t n = 0;
    for (const char *c = text; c != NULL && *c != 0 && n + 1 < sizeof safe; c++) {
        safe[n++] = (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20) ? '_' : *c;
    }
    safe[n] = 0;
    printf("{\"event\":\"message\",\"level\":%u,\"id\":%u,\"cacheMismatch\":%d,\"text\":\"%s\"}\n", level, id,
           id == BZRTP_MESSAGE_CACHEMISMATCH ? 1 : 0, safe);
    fflush(stdout);
    return 0;
}

static int peer_srtp_secrets(void *clientData, const bzrtpSrtpSecrets_t *s, uint8_t part) {
    (void)clientData;
    char sk[129], ss[129], pk[129], ps[129];
    hex(sk, s->selfSrtpKey, s->selfSrtpKeyLength);
    hex(ss, s->selfSrtpSalt, s->selfSrtpSaltLength);
    hex(pk, s->peerSrtpKey, s->peerSrtpKeyLength);
    hex(ps, s->peerSrtpSalt, s->peerSrtpSaltLength);
    printf("{\"event\":\"srtp\",\"part\":%u", part);
    if (part & ZRTP_SRTP_SECRETS_FOR_SENDER) {
        printf(",\"selfKey\":\"%s\",\"selfSalt\":\"%s\"", sk, ss);
    }
    if (part & ZRTP_SRTP_SECRETS_FOR_RECEIVER) {
        printf(",\"peerKey\":\"%s\",\"peerSalt\":\"%s\"", pk, ps);
    }
    printf(",\"cipher\":\"%s\",\"auth\":\"%s\"}\n", algo_name(s->cipherAlgo), algo_name(s->authTagAlgo));
    fflush(stdout);
    return 0;
}

static int peer_start_srtp(void *clientData, const bzrtpSrtpSecrets_t *s, int32_t verified) {
    (void)clientData;
    peer_state.secure = 1;
    printf("{\"event\":\"secure\",\"sas\":\"%s\",\"verified\":%d,\"cacheMismatch\":%u,\"role\":\"%s\","
           "\"hash\":\"%s\",\"cipher\":\"%s\",\"auth\":\"%s\",\"keyAgreement\":\"%s\",\"sasType\":\"%s\"}\n",
           s->sas != NULL ? s->sas : "", verified, s->cacheMismatch,
           peer_state.role == BZRTP_ROLE_INITIATOR ? "initiator" : "responder", algo_name(s->hashAlgo),
           algo_name(s->cipherAlgo), algo_name(s->authTagAlgo), algo_name(s->keyAgreementAlgo),
           algo_name(s->sasAlgo));
    fflush(stdout);
    return 0;
}

static int peer_exported_keys(void *clientData, int zuid, uint8_t role) {
    (void)clientData;
    (void)zuid;
    peer_state.role = role;
    /* RFC 6189 §4.5.2: KDF(ExportedKey, label, KDF_Context, hash length); the test derives the same. */
    uint8_t key[32];
    size_t length = sizeof key;
    char label[] = "sotto interop";
    if (bzrtp_exportKey(peer_state.ctx, label, strlen(label), key, &length) == 0) {
        char h[65];
        hex(h, key, length);
        printf("{\"event\":\"exported\",\"label\":\"%s\",\"key\":\"%s\",\"role\":\"%s\"}\n", label, h,
               role == BZRTP_ROLE_INITIATOR ? "initiator" : "responder");
        fflush(stdout);
    }
    return 0;
}

static const char *status_name(int status) {
    switch (status) {
    case BZRTP_CHANNEL_INITIALISED: return "initialised";
    case BZRTP_CHANNEL_ONGOING: return "ongoing";
    case BZRTP_CHANNEL_SECURE: return "secure";
    case BZRTP_CHANNEL_ERROR: return "error";
    default: return "notfound";
    }
}

static void report_status(void) {
    int status = bzrtp_getChannelStatus(peer_state.ctx, peer_state.ssrc);
    if (status != peer_state.last_status) {
        peer_state.last_status = status;
        printf("{\"event\":\"status\",\"status\":\"%s\"}\n", status_name(status));
        fflush(stdout);
    }
}

static int set_algos(bzrtpContext_t *ctx, uint8_t type, const char *list) {
    if (list == NULL) {
        return 0;
    }
    uint8_t codes[7];
    int n = parse_list(list, codes);
    if (n <= 0) {
        return -1;
    }
    bzrtp_setSupportedCryptoTypes(ctx, type, codes, (uint8_t)n);
    return 0;
}

static const char *arg(int argc, char **argv, const char *name) {
    for (int i = 2; i + 1 < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return NULL;
}

static int flag(int argc, char **argv, const char *name) {
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

static void fail(const char *what) {
    printf("{\"event\":\"error\",\"what\":\"%s\"}\n", what);
    fflush(stdout);
}

static int run_peer(int argc, char **argv) {
    const char *peer_port = arg(argc, argv, "--peer-port");
    if (peer_port == NULL) {
        fail("--peer-port is required");
        return 2;
    }
    const char *port = arg(argc, argv, "--port");
    const char *cache = arg(argc, argv, "--cache");
    const char *self_uri = arg(argc, argv, "--self-uri");
    const char *peer_uri = arg(argc, argv, "--peer-uri");
    const char *ssrc = arg(argc, argv, "--ssrc");
    const char *timeout = arg(argc, argv, "--timeout-ms");
    peer_state.tamper = arg(argc, argv, "--tamper");
    peer_state.verify_on_secure = flag(argc, argv, "--verify");
    peer_state.ssrc = ssrc != NULL ? (uint32_t)strtoul(ssrc, NULL, 10) : 0x0B2B7E01u;
    peer_state.role = -1;
    uint64_t deadline = now_ms() + (timeout != NULL ? strtoull(timeout, NULL, 10) : 20000u);

    peer_state.sock = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in self = {0};
    self.sin_family = AF_INET;
    self.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    self.sin_port = htons((uint16_t)(port != NULL ? atoi(port) : 0));
    if (peer_state.sock < 0 || bind(peer_state.sock, (struct sockaddr *)&self, sizeof self) != 0) {
        fail("cannot bind the UDP socket");
        return 1;
    }
    socklen_t self_length = sizeof self;
    getsockname(peer_state.sock, (struct sockaddr *)&self, &self_length);
    peer_state.peer.sin_family = AF_INET;
    peer_state.peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    peer_state.peer.sin_port = htons((uint16_t)atoi(peer_port));

    sqlite3 *db = NULL;
    if (cache != NULL) {
        if (sqlite3_open(cache, &db) != SQLITE_OK) {
            fail("cannot open the cache file");
            return 1;
        }
        int rc = bzrtp_initCache_lock(db, NULL);
        if (rc != 0 && rc != BZRTP_CACHE_SETUP && rc != BZRTP_CACHE_UPDATE) {
            fail("bzrtp_initCache_lock failed");
            return 1;
        }
    }

    bzrtpContext_t *ctx = bzrtp_createBzrtpContext();
    peer_state.ctx = ctx;
    bzrtpCallbacks_t cbs = {0};
    cbs.bzrtp_statusMessage = peer_status_message;
    cbs.bzrtp_messageLevel = BZRTP_MESSAGE_DEBUG;
    cbs.bzrtp_sendData = peer_send;
    cbs.bzrtp_srtpSecretsAvailable = peer_srtp_secrets;
    cbs.bzrtp_startSrtpSession = peer_start_srtp;
    cbs.bzrtp_contextReadyForExportedKeys = peer_exported_keys;
    bzrtp_setCallbacks(ctx, &cbs);
    if (db != NULL) {
        int rc = bzrtp_setZIDCache_lock(ctx, db, self_uri != NULL ? self_uri : "sip:bzrtp@sotto.test",
                                        peer_uri != NULL ? peer_uri : "sip:sotto@sotto.test", NULL);
        if (rc != 0 && rc != BZRTP_CACHE_SETUP) {
            fail("bzrtp_setZIDCache_lock failed");
            return 1;
        }
    }
    if (set_algos(ctx, ZRTP_KEYAGREEMENT_TYPE, arg(argc, argv, "--ka")) != 0
        || set_algos(ctx, ZRTP_SAS_TYPE, arg(argc, argv, "--sas")) != 0
        || set_algos(ctx, ZRTP_HASH_TYPE, arg(argc, argv, "--hash")) != 0
        || set_algos(ctx, ZRTP_CIPHERBLOCK_TYPE, arg(argc, argv, "--cipher")) != 0
        || set_algos(ctx, ZRTP_AUTHTAG_TYPE, arg(argc, argv, "--auth")) != 0) {
        fail("unknown algorithm name");
        return 2;
    }
    if (bzrtp_initBzrtpContext(ctx, peer_state.ssrc) != 0) {
        fail("bzrtp_initBzrtpContext failed");
        return 1;
    }
    uint8_t hello_hash[128];
    if (bzrtp_getSelfHelloHash(ctx, peer_state.ssrc, hello_hash, sizeof hello_hash) != 0) {
        hello_hash[0] = 0;
    }
    printf("{\"event\":\"ready\",\"port\":%u,\"ssrc\":%u,\"helloHash\":\"%s\"}\n", ntohs(self.sin_port),
           peer_state.ssrc, (const char *)hello_hash);
    fflush(stdout);
    if (bzrtp_startChannelEngine(ctx, peer_state.ssrc) != 0) {
        fail("bzrtp_startChannelEngine failed");
        return 1;
    }
    report_status();

    char line[256];
    size_t line_length = 0;
    int stdin_open = 1;
    int verified_sent = 0;
    while (now_ms() < deadline) {
        struct pollfd fds[2] = {{peer_state.sock, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        int n = poll(fds, stdin_open ? 2 : 1, 10);
        if (n < 0 && errno != EINTR) {
            break;
        }
        if (n > 0 && (fds[0].revents & POLLIN)) {
            uint8_t buf[4096];
            ssize_t got = recv(peer_state.sock, buf, sizeof buf, 0);
            if (got > 0) {
                int rc = bzrtp_processMessage(ctx, peer_state.ssrc, buf, (uint16_t)got);
                if (rc != 0) {
                    printf("{\"event\":\"processMessage\",\"rc\":%d,\"type\":\"%.8s\"}\n", rc,
                           got >= PACKET_HEADER + 12 ? (const char *)buf + PACKET_HEADER + 4 : "");
                    fflush(stdout);
                }
            }
        }
        if (stdin_open && n > 0 && (fds[1].revents & (POLLIN | POLLHUP))) {
            char c;
            ssize_t got = read(STDIN_FILENO, &c, 1);
            if (got <= 0) {
                break; /* the test closed our stdin: done */
            }
            if (c == '\n') {
                line[line_length] = 0;
                line_length = 0;
                if (strcmp(line, "quit") == 0) {
                    break;
                }
                if (strcmp(line, "verify") == 0) {
                    bzrtp_SASVerified(ctx);
                    printf("{\"event\":\"sasVerified\"}\n");
                    fflush(stdout);
                }
            } else if (line_length + 1 < sizeof line) {
                line[line_length++] = c;
            }
        }
        bzrtp_iterate(ctx, peer_state.ssrc, now_ms());
        report_status();
        if (peer_state.secure && peer_state.verify_on_secure && !verified_sent) {
            verified_sent = 1;
            bzrtp_SASVerified(ctx);
            printf("{\"event\":\"sasVerified\"}\n");
            fflush(stdout);
        }
    }
    bzrtp_destroyBzrtpContext(ctx, peer_state.ssrc);
    if (db != NULL) {
        sqlite3_close(db);
    }
    printf("{\"event\":\"exit\"}\n");
    fflush(stdout);
    return 0;
}

/* --------------------------------------------------------------- bench mode */

#define QUEUE_SLOTS 64

typedef struct {
    uint8_t data[QUEUE_SLOTS][2048];
    uint16_t length[QUEUE_SLOTS];
    int head, tail;
} Queue;

typedef struct {
    Queue *to_peer;
    int secure;
} BenchSide;

static int bench_send(void *clientData, const uint8_t *packet, uint16_t length) {
    BenchSide *side = clientData;
    Queue *q = side->to_peer;
    if (length > sizeof q->data[0] || (q->tail + 1) % QUEUE_SLOTS == q->head) {
        return -1;
    }
    memcpy(q->data[q->tail], packet, length);
    q->length[q->tail] = length;
    q->tail = (q->tail + 1) % QUEUE_SLOTS;
    return 0;
}

static int bench_start_srtp(void *clientData, const bzrtpSrtpSecrets_t *s, int32_t verified) {
    (void)s;
    (void)verified;
    ((BenchSide *)clientData)->secure = 1;
    return 0;
}

static int drain(bzrtpContext_t *ctx, uint32_t ssrc, Queue *q) {
    int any = 0;
    while (q->head != q->tail) {
        bzrtp_processMessage(ctx, ssrc, q->data[q->head], q->length[q->head]);
        q->head = (q->head + 1) % QUEUE_SLOTS;
        any = 1;
    }
    return any;
}

static bzrtpContext_t *bench_context(BenchSide *side, uint32_t ssrc, uint8_t ka) {
    bzrtpContext_t *ctx = bzrtp_createBzrtpContext();
    bzrtpCallbacks_t cbs = {0};
    cbs.bzrtp_sendData = bench_send;
    cbs.bzrtp_startSrtpSession = bench_start_srtp;
    bzrtp_setCallbacks(ctx, &cbs);
    uint8_t kas[7] = {ka};
    bzrtp_setSupportedCryptoTypes(ctx, ZRTP_KEYAGREEMENT_TYPE, kas, 1);
    bzrtp_initBzrtpContext(ctx, ssrc);
    bzrtp_setClientData(ctx, ssrc, side);
    return ctx;
}

static int run_bench(int argc, char **argv) {
    const char *ka_name = arg(argc, argv, "--ka");
    const char *n_arg = arg(argc, argv, "--n");
    int ka = ka_name != NULL ? algo_code(ka_name) : -1;
    int n = n_arg != NULL ? atoi(n_arg) : 20;
    if (ka < 0 || n <= 0) {
        fail("bench needs --ka NAME and --n N > 0");
        return 2;
    }
    static Queue a_to_b, b_to_a;
    int completed = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (int i = 0; i < n; i++) {
        memset(&a_to_b, 0, sizeof a_to_b);
        memset(&b_to_a, 0, sizeof b_to_a);
        BenchSide a = {&a_to_b, 0}, b = {&b_to_a, 0};
        bzrtpContext_t *ca = bench_context(&a, 0x1111, (uint8_t)ka);
        bzrtpContext_t *cb = bench_context(&b, 0x2222, (uint8_t)ka);
        bzrtp_startChannelEngine(ca, 0x1111);
        bzrtp_startChannelEngine(cb, 0x2222);
        /* Fake time only moves when nothing is in flight, so retransmissions happen only on a stall. */
        uint64_t t = 0;
        for (int step = 0; step < 10000 && !(a.secure && b.secure); step++) {
            int moved = drain(cb, 0x2222, &a_to_b) | drain(ca, 0x1111, &b_to_a);
            if (!moved) {
                t += 10;
                bzrtp_iterate(ca, 0x1111, t);
                bzrtp_iterate(cb, 0x2222, t);
            }
        }
        /* Let the last Conf2ACK land. */
        drain(cb, 0x2222, &a_to_b);
        drain(ca, 0x1111, &b_to_a);
        completed += a.secure && b.secure;
        bzrtp_destroyBzrtpContext(ca, 0x1111);
        bzrtp_destroyBzrtpContext(cb, 0x2222);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
    printf("{\"event\":\"bench\",\"ka\":\"%s\",\"n\":%d,\"completed\":%d,\"cpuNsPerHandshake\":%.0f}\n", ka_name, n,
           completed, ns / n);
    fflush(stdout);
    return completed == n ? 0 : 1;
}

int main(int argc, char **argv) {
    crc32c_init();
    if (argc >= 2 && strcmp(argv[1], "peer") == 0) {
        return run_peer(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "bench") == 0) {
        return run_bench(argc, argv);
    }
    fprintf(stderr, "usage: bzrtp_peer peer --peer-port N [options] | bzrtp_peer bench --ka KA [--n N]\n");
    return 2;
}
