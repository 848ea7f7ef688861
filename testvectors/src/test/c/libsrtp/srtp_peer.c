/*
 * srtp_peer: a libsrtp2 test peer for Sotto's SRTP interop tests and benchmarks.
 *
 * Written from the installed headers (/usr/include/srtp2/srtp.h) only. It keeps two libsrtp sessions:
 * an inbound one (wildcard SSRC) that unprotects what Sotto protected, and an outbound one that protects
 * what Sotto will unprotect. It speaks a binary request/response protocol on stdin/stdout:
 *
 *   request:  op (1 octet) | length (2 octets, big-endian) | data
 *   response: status (1 octet, the srtp_err_status_t) | length (2 octets) | data
 *
 * ops: 'p' protect RTP, 'u' unprotect RTP, 'P' protect RTCP, 'U' unprotect RTCP,
 *      'b' benchmark: data = mode | count (4 octets). Mode 2 prepares (fresh sessions, and `count`
 *          packets protected untimed); mode 0 then protects `count` 172-octet RTP packets (12-octet
 *          header, 160-octet payload), mode 1 unprotects the prepared ones. Answers the elapsed
 *          nanoseconds (8 octets) measured with CLOCK_MONOTONIC around the loop only.
 *      'q' quit.
 *
 * usage: srtp_peer PROFILE INBOUND_KEY_HEX OUTBOUND_KEY_HEX WINDOW
 *   PROFILE is a Sotto SrtpProfile name; keys are master key || master salt in hex.
 */
#include <srtp2/srtp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PACKET 4096

static int set_policy(const char *profile, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp)
{
    if (strcmp(profile, "AES_CM_128_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (strcmp(profile, "AES_CM_128_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp); /* RFC 4568: SRTCP keeps the 80-bit tag */
    } else if (strcmp(profile, "AES_256_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (strcmp(profile, "AES_256_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (strcmp(profile, "AEAD_AES_128_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtcp);
    } else if (strcmp(profile, "AEAD_AES_256_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtcp);
    } else {
        return -1;
    }
    return 0;
}

static int parse_hex(const char *hex, unsigned char *out, size_t max)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > max) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned int b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
            return -1;
        }
        out[i] = (unsigned char)b;
    }
    return (int)(n / 2);
}

static srtp_t make_session(const char *profile, unsigned char *key, srtp_ssrc_type_t type, unsigned long window)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    if (set_policy(profile, &policy.rtp, &policy.rtcp) != 0) {
        return NULL;
    }
    policy.ssrc.type = type;
    policy.key = key;
    policy.window_size = window;
    policy.allow_repeat_tx = 0;
    policy.next = NULL;
    srtp_t session = NULL;
    if (srtp_create(&session, &policy) != srtp_err_status_ok) {
        return NULL;
    }
    return session;
}

static int read_full(void *buf, size_t n)
{
    return fread(buf, 1, n, stdin) == n ? 0 : -1;
}

static void respond(int status, const unsigned char *data, int len)
{
    unsigned char head[3] = {(unsigned char)status, (unsigned char)(len >> 8), (unsigned char)len};
    fwrite(head, 1, 3, stdout);
    if (len > 0) {
        fwrite(data, 1, (size_t)len, stdout);
    }
    fflush(stdout);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void fill_packet(unsigned char *p, uint32_t i)
{
    memset(p, 0, 172);
    p[0] = 0x80;
    p[1] = 0;
    p[2] = (unsigned char)(i >> 8);
    p[3] = (unsigned char)i;
    uint32_t ts = i * 160;
    p[4] = (unsigned char)(ts >> 24);
    p[5] = (unsigned char)(ts >> 16);
    p[6] = (unsigned char)(ts >> 8);
    p[7] = (unsigned char)ts;
    p[8] = 0x12;
    p[9] = 0x34;
    p[10] = 0x56;
    p[11] = 0x78;
}

/*
 * Benchmark state: 'r' (prepare) creates fresh sessions and, untimed, protects `count` packets for the
 * unprotect benchmark; 'b' mode 0 then times `count` protects with the fresh outbound session, mode 1
 * times unprotecting the prepared batch. The caller times the 'b' request (one pipe round trip per batch).
 */
static srtp_t bench_out = NULL;
static srtp_t bench_in = NULL;
static unsigned char *bench_packets = NULL;
static int *bench_lengths = NULL;
static uint32_t bench_count = 0;
#define BENCH_STRIDE (172 + SRTP_MAX_TRAILER_LEN)

static int bench_prepare(const char *profile, unsigned char *key, uint32_t count)
{
    if (bench_out != NULL) {
        srtp_dealloc(bench_out);
        srtp_dealloc(bench_in);
    }
    srtp_t batch_sender = make_session(profile, key, ssrc_any_outbound, 128);
    bench_out = make_session(profile, key, ssrc_any_outbound, 128);
    bench_in = make_session(profile, key, ssrc_any_inbound, 128);
    if (batch_sender == NULL || bench_out == NULL || bench_in == NULL) {
        return srtp_err_status_init_fail;
    }
    free(bench_packets);
    free(bench_lengths);
    bench_packets = malloc((size_t)BENCH_STRIDE * count);
    bench_lengths = malloc(sizeof(int) * count);
    if (bench_packets == NULL || bench_lengths == NULL) {
        return srtp_err_status_alloc_fail;
    }
    int status = 0;
    for (uint32_t i = 0; i < count; i++) {
        fill_packet(bench_packets + (size_t)BENCH_STRIDE * i, i);
        bench_lengths[i] = 172;
        status |= srtp_protect(batch_sender, bench_packets + (size_t)BENCH_STRIDE * i, &bench_lengths[i]);
    }
    srtp_dealloc(batch_sender);
    bench_count = count;
    return status;
}

static int bench(int mode, uint32_t count, uint64_t *elapsed)
{
    if (bench_out == NULL || count > bench_count) {
        return srtp_err_status_bad_param;
    }
    int status = 0;
    if (mode == 0) {
        unsigned char packet[BENCH_STRIDE];
        uint64_t start = now_ns();
        for (uint32_t i = 0; i < count; i++) {
            fill_packet(packet, i);
            int len = 172;
            status |= srtp_protect(bench_out, packet, &len);
        }
        *elapsed = now_ns() - start;
    } else {
        uint64_t start = now_ns();
        for (uint32_t i = 0; i < count; i++) {
            status |= srtp_unprotect(bench_in, bench_packets + (size_t)BENCH_STRIDE * i, &bench_lengths[i]);
        }
        *elapsed = now_ns() - start;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: srtp_peer PROFILE INBOUND_KEY_HEX OUTBOUND_KEY_HEX WINDOW\n");
        return 2;
    }
    unsigned char in_key[SRTP_MAX_KEY_LEN];
    unsigned char out_key[SRTP_MAX_KEY_LEN];
    if (parse_hex(argv[2], in_key, sizeof in_key) < 0 || parse_hex(argv[3], out_key, sizeof out_key) < 0) {
        fprintf(stderr, "srtp_peer: bad key\n");
        return 2;
    }
    unsigned long window = strtoul(argv[4], NULL, 10);
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "srtp_peer: srtp_init failed\n");
        return 1;
    }
    srtp_t inbound = make_session(argv[1], in_key, ssrc_any_inbound, window);
    srtp_t outbound = make_session(argv[1], out_key, ssrc_any_outbound, window);
    if (inbound == NULL || outbound == NULL) {
        fprintf(stderr, "srtp_peer: cannot create sessions for %s\n", argv[1]);
        return 1;
    }
    static unsigned char buf[MAX_PACKET + SRTP_MAX_TRAILER_LEN + 4];
    for (;;) {
        unsigned char head[3];
        if (read_full(head, 3) != 0) {
            break;
        }
        int op = head[0];
        int len = (head[1] << 8) | head[2];
        if (len > MAX_PACKET || (len > 0 && read_full(buf, (size_t)len) != 0)) {
            break;
        }
        srtp_err_status_t status;
        switch (op) {
        case 'p':
            status = srtp_protect(outbound, buf, &len);
            break;
        case 'u':
            status = srtp_unprotect(inbound, buf, &len);
            break;
        case 'P':
            status = srtp_protect_rtcp(outbound, buf, &len);
            break;
        case 'U':
            status = srtp_unprotect_rtcp(inbound, buf, &len);
            break;
        case 'b': {
            if (len != 5) {
                respond(srtp_err_status_bad_param, NULL, 0);
                continue;
            }
            uint32_t count = ((uint32_t)buf[1] << 24) | ((uint32_t)buf[2] << 16) | ((uint32_t)buf[3] << 8) | buf[4];
            uint64_t elapsed = 0;
            int s = buf[0] == 2 ? bench_prepare(argv[1], out_key, count) : bench(buf[0], count, &elapsed);
            unsigned char out[8];
            for (int i = 0; i < 8; i++) {
                out[i] = (unsigned char)(elapsed >> (56 - 8 * i));
            }
            respond(s, out, 8);
            continue;
        }
        case 'q':
            srtp_dealloc(inbound);
            srtp_dealloc(outbound);
            srtp_shutdown();
            return 0;
        default:
            respond(srtp_err_status_bad_param, NULL, 0);
            continue;
        }
        respond(status, buf, status == srtp_err_status_ok ? len : 0);
    }
    srtp_dealloc(inbound);
    srtp_dealloc(outbound);
    srtp_shutdown();
    return 0;
}
