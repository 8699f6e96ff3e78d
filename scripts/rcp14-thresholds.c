/*
 * Where the processor's reciprocal estimate, rounded to 1/32 as SVML's log does it
 * (vrndscalepd $0x58 of vrcp14pd), steps from (j+1)/32 to j/32 for a mantissa m in [1, 2).
 * src/sweep/svml.ts holds the 16 thresholds this prints; the second half checks that they give the
 * hardware's answer on 65 million mantissas (random ones, every double within 2^16 ulps of each
 * threshold, and a grid over the top 24 mantissa bits).
 *
 *   gcc -O2 -mavx512f -o rcp14-thresholds scripts/rcp14-thresholds.c -lm && ./rcp14-thresholds
 *
 * Measured on the machine class of the reference outputs (AMD EPYC with AVX-512); another vendor's
 * vrcp14pd may round differently.
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double hardware(double m) {
  __m512d d = _mm512_roundscale_pd(_mm512_rcp14_pd(_mm512_set1_pd(m)), 0x58);
  double out[8];
  _mm512_storeu_pd(out, d);
  return out[0];
}

static double bits_to_double(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint64_t double_to_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

int main(void) {
  double thresholds[16];
  for (int k = 16; k < 32; k++) {
    double mid = 64.0 / (2 * k + 1); /* 1/m at the midpoint (k + 1/2)/32 */
    double lo = fmax(1.0, mid * (1 - 1e-3)), hi = fmin(nextafter(2.0, 0), mid * (1 + 1e-3));
    double below = hardware(lo);
    uint64_t a = double_to_bits(lo), b = double_to_bits(hi);
    while (b - a > 1) {
      uint64_t c = a + (b - a) / 2;
      if (hardware(bits_to_double(c)) == below) a = c; else b = c;
    }
    thresholds[k - 16] = bits_to_double(b);
    printf("D = %d/32 from m >= %.17g\n", k, thresholds[k - 16]);
  }
  long differ = 0, n = 0;
  #define CHECK(m) do { double mm = (m); int j = 0; while (j < 16 && !(mm >= thresholds[j])) j++; \
    double emulated = j < 16 ? (16 + j) / 32.0 : 1.0; n++; if (mm >= 1 && mm < 2 && hardware(mm) != emulated) differ++; } while (0)
  srand(7);
  for (long i = 0; i < 30000000; i++) {
    uint64_t r = ((uint64_t)rand() << 31 ^ (uint64_t)rand() ^ ((uint64_t)rand() << 40)) & 0xFFFFFFFFFFFFFULL;
    CHECK(bits_to_double(r | 0x3FF0000000000000ULL));
  }
  for (int j = 0; j < 16; j++)
    for (int64_t o = -65536; o <= 65536; o++) CHECK(bits_to_double(double_to_bits(thresholds[j]) + o));
  for (uint64_t t = 0; t < (1u << 24); t++) {
    CHECK(bits_to_double(0x3FF0000000000000ULL | (t << 28)));
    CHECK(bits_to_double(0x3FF0000000000000ULL | (t << 28) | 0xFFFFFFFULL));
  }
  printf("%ld of %ld mantissas differ from the thresholds\n", differ, n);
  return differ != 0;
}
