/*
 * Reference G.726-16k coder for G726SpandspIT: spandsp's G.726 (bit exact, passes the ITU-T test vectors)
 * in the camera's framing (docs/protocol.md section 5): 480 samples of signed 16-bit little-endian PCM <-> one
 * 120-byte block, four 2-bit codes per byte with the oldest sample in the two top bits (spandsp's
 * G726_PACKING_LEFT), 16-bit linear interworking (G726_ENCODING_LINEAR), and the coder re-initialised at
 * the start of every block.
 *
 *   g726_ref encode <pcm-in> <g726-out> [left|right]
 *   g726_ref decode <g726-in> <pcm-out> [left|right]
 *
 * Inputs must be whole blocks. Exit status 0 on success, 2 on a usage or I/O error.
 * Build: cc -O2 -o g726_ref g726_ref.c -lspandsp
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>
#include <spandsp.h>

#define SAMPLES_PER_BLOCK 480
#define G726_BLOCK_BYTES 120
#define PCM_BLOCK_BYTES (2 * SAMPLES_PER_BLOCK)

static unsigned char *read_all(const char *path, long *length) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        perror(path);
        fclose(f);
        return NULL;
    }
    long n = ftell(f);
    rewind(f);
    unsigned char *data = malloc(n > 0 ? (size_t) n : 1);
    if (data == NULL || (n > 0 && fread(data, 1, (size_t) n, f) != (size_t) n)) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(data);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *length = n;
    return data;
}

static int write_all(const char *path, const unsigned char *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4 || argc > 5 || (strcmp(argv[1], "encode") != 0 && strcmp(argv[1], "decode") != 0)) {
        fprintf(stderr, "usage: %s encode|decode <in> <out> [left|right]\n", argv[0]);
        return 2;
    }
    int packing = G726_PACKING_LEFT;
    if (argc == 5) {
        if (strcmp(argv[4], "right") == 0) {
            packing = G726_PACKING_RIGHT;
        } else if (strcmp(argv[4], "left") != 0) {
            fprintf(stderr, "packing must be left or right\n");
            return 2;
        }
    }
    int encode = strcmp(argv[1], "encode") == 0;
    long n;
    unsigned char *in = read_all(argv[2], &n);
    if (in == NULL) {
        return 2;
    }
    long block_in = encode ? PCM_BLOCK_BYTES : G726_BLOCK_BYTES;
    long block_out = encode ? G726_BLOCK_BYTES : PCM_BLOCK_BYTES;
    if (n % block_in != 0) {
        fprintf(stderr, "%s: %ld bytes is not a whole number of %ld-byte blocks\n", argv[2], n, block_in);
        return 2;
    }
    long blocks = n / block_in;
    unsigned char *out = malloc(blocks > 0 ? (size_t) (blocks * block_out) : 1);
    if (out == NULL) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    int16_t amp[SAMPLES_PER_BLOCK];
    for (long b = 0; b < blocks; b++) {
        /* a fresh coder for every block, as the camera resets its state */
        g726_state_t *s = g726_init(NULL, 16000, G726_ENCODING_LINEAR, packing);
        if (s == NULL) {
            fprintf(stderr, "g726_init failed\n");
            return 2;
        }
        const unsigned char *src = in + b * block_in;
        unsigned char *dst = out + b * block_out;
        if (encode) {
            for (int i = 0; i < SAMPLES_PER_BLOCK; i++) {
                amp[i] = (int16_t) (uint16_t) (src[2 * i] | (src[2 * i + 1] << 8));
            }
            int produced = g726_encode(s, dst, amp, SAMPLES_PER_BLOCK);
            if (produced != G726_BLOCK_BYTES) {
                fprintf(stderr, "block %ld: g726_encode produced %d bytes\n", b, produced);
                return 2;
            }
        } else {
            int produced = g726_decode(s, amp, src, G726_BLOCK_BYTES);
            if (produced != SAMPLES_PER_BLOCK) {
                fprintf(stderr, "block %ld: g726_decode produced %d samples\n", b, produced);
                return 2;
            }
            for (int i = 0; i < SAMPLES_PER_BLOCK; i++) {
                uint16_t v = (uint16_t) amp[i];
                dst[2 * i] = (unsigned char) (v & 0xff);
                dst[2 * i + 1] = (unsigned char) (v >> 8);
            }
        }
        g726_free(s);
    }
    int rc = write_all(argv[3], out, (size_t) (blocks * block_out));
    free(in);
    free(out);
    return rc == 0 ? 0 : 2;
}
