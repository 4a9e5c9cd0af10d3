// Message digests from their specifications:
// MD5: https://www.rfc-editor.org/rfc/rfc1321
// SHA-1, SHA-256, SHA-384, SHA-512: FIPS 180-4, https://doi.org/10.6028/NIST.FIPS.180-4
// The constant tables are the ones the standards define (the round constants of SHA-2 are the
// fractional parts of the cube roots of the first primes, its initial values those of the
// square roots; MD5's are floor(|sin(i + 1)| * 2^32)).

#include "asl/intrinsics/hash_digests.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace asl::intrinsics {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

template <typename Word>
constexpr Word RotateLeft(Word x, int n) {
  return static_cast<Word>((x << n) | (x >> (sizeof(Word) * 8 - n)));
}
template <typename Word>
constexpr Word RotateRight(Word x, int n) {
  return static_cast<Word>((x >> n) | (x << (sizeof(Word) * 8 - n)));
}

// The message followed by the padding of the Merkle-Damgard construction: a 1 bit, zeros, and
// the length in bits in the last `length_bytes` bytes (big or little endian) of a whole number
// of blocks.
std::string Pad(std::string_view data, size_t block_size, size_t length_bytes, bool big_endian) {
  std::string message(data);
  message += static_cast<char>(0x80);
  while (message.size() % block_size != block_size - length_bytes) message += '\0';
  const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  std::string length(length_bytes, '\0');  // lengths beyond 2^64 bits do not occur
  for (size_t i = 0; i < 8; ++i) {
    const char byte = static_cast<char>(bits >> (8 * i));
    if (big_endian) {
      length[length_bytes - 1 - i] = byte;
    } else {
      length[i] = byte;
    }
  }
  return message + length;
}

template <typename Word>
Word LoadBigEndian(const char* p) {
  Word w = 0;
  for (size_t i = 0; i < sizeof(Word); ++i) w = (w << 8) | static_cast<unsigned char>(p[i]);
  return w;
}

template <typename Word>
void AppendHex(Word w, bool big_endian, std::string* out) {
  for (size_t i = 0; i < sizeof(Word); ++i) {
    const size_t shift = big_endian ? 8 * (sizeof(Word) - 1 - i) : 8 * i;
    const auto byte = static_cast<unsigned char>(w >> shift);
    *out += kHexDigits[byte >> 4];
    *out += kHexDigits[byte & 0xF];
  }
}

// RFC 1321, section 3.4: the per-round shift amounts and sine-derived constants.
constexpr int kMd5Shifts[64] = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};
constexpr uint32_t kMd5Constants[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu, 0xf57c0fafu, 0x4787c62au,
    0xa8304613u, 0xfd469501u, 0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
    0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u, 0xf61e2562u, 0xc040b340u,
    0x265e5a51u, 0xe9b6c7aau, 0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu, 0xa9e3e905u, 0xfcefa3f8u,
    0x676f02d9u, 0x8d2a4c8au, 0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
    0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u, 0x289b7ec6u, 0xeaa127fau,
    0xd4ef3085u, 0x04881d05u, 0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u, 0x655b59c3u, 0x8f0ccc92u,
    0xffeff47du, 0x85845dd1u, 0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
    0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};

constexpr uint32_t kSha256Constants[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u,
    0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
    0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u,
    0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
    0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
    0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au,
    0x5b9cca4fu, 0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};
constexpr uint32_t kSha256Initial[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

constexpr uint64_t kSha512Constants[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full,
    0xe9b5dba58189dbbcull, 0x3956c25bf348b538ull, 0x59f111f1b605d019ull,
    0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull, 0xd807aa98a3030242ull,
    0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull,
    0xc19bf174cf692694ull, 0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull,
    0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull, 0x2de92c6f592b0275ull,
    0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full,
    0xbf597fc7beef0ee4ull, 0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull,
    0x06ca6351e003826full, 0x142929670a0e6e70ull, 0x27b70a8546d22ffcull,
    0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull,
    0x92722c851482353bull, 0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull,
    0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull, 0xd192e819d6ef5218ull,
    0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull,
    0x34b0bcb5e19b48a8ull, 0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull,
    0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull, 0x748f82ee5defb2fcull,
    0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull,
    0xc67178f2e372532bull, 0xca273eceea26619cull, 0xd186b8c721c0c207ull,
    0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull, 0x06f067aa72176fbaull,
    0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull,
    0x431d67c49c100d4cull, 0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull,
    0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};
constexpr uint64_t kSha512Initial[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull,
    0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
    0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};
constexpr uint64_t kSha384Initial[8] = {
    0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull,
    0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
    0x67332667ffc00b31ull, 0x8eb44a8768581511ull,
    0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};

// FIPS 180-4, section 6.4 (SHA-384 differs only by its initial value and a shorter output).
std::string Sha512Family(std::string_view data, const uint64_t (&initial)[8], size_t words_out) {
  std::array<uint64_t, 8> h;
  std::copy(std::begin(initial), std::end(initial), h.begin());
  const std::string message = Pad(data, 128, 16, true);
  uint64_t w[80];
  for (size_t block = 0; block < message.size(); block += 128) {
    for (int t = 0; t < 16; ++t) w[t] = LoadBigEndian<uint64_t>(&message[block + 8 * t]);
    for (int t = 16; t < 80; ++t) {
      const uint64_t s0 = RotateRight(w[t - 15], 1) ^ RotateRight(w[t - 15], 8) ^ (w[t - 15] >> 7);
      const uint64_t s1 = RotateRight(w[t - 2], 19) ^ RotateRight(w[t - 2], 61) ^ (w[t - 2] >> 6);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int t = 0; t < 80; ++t) {
      const uint64_t sum1 = RotateRight(e, 14) ^ RotateRight(e, 18) ^ RotateRight(e, 41);
      const uint64_t choose = (e & f) ^ (~e & g);
      const uint64_t t1 = k + sum1 + choose + kSha512Constants[t] + w[t];
      const uint64_t sum0 = RotateRight(a, 28) ^ RotateRight(a, 34) ^ RotateRight(a, 39);
      const uint64_t majority = (a & b) ^ (a & c) ^ (b & c);
      const uint64_t t2 = sum0 + majority;
      k = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  std::string out;
  for (size_t i = 0; i < words_out; ++i) AppendHex(h[i], true, &out);
  return out;
}

}  // namespace

std::string Md5Hex(std::string_view data) {
  uint32_t h[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  const std::string message = Pad(data, 64, 8, false);
  for (size_t block = 0; block < message.size(); block += 64) {
    uint32_t m[16];
    for (int i = 0; i < 16; ++i) {
      const char* p = &message[block + 4 * i];
      m[i] = static_cast<uint32_t>(static_cast<unsigned char>(p[0])) |
             static_cast<uint32_t>(static_cast<unsigned char>(p[1])) << 8 |
             static_cast<uint32_t>(static_cast<unsigned char>(p[2])) << 16 |
             static_cast<uint32_t>(static_cast<unsigned char>(p[3])) << 24;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const uint32_t rotated = RotateLeft(a + f + kMd5Constants[i] + m[g], kMd5Shifts[i]);
      a = d;
      d = c;
      c = b;
      b = b + rotated;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  }
  std::string out;
  for (uint32_t word : h) AppendHex(word, false, &out);
  return out;
}

std::string Sha1Hex(std::string_view data) {
  uint32_t h[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
  const std::string message = Pad(data, 64, 8, true);
  uint32_t w[80];
  for (size_t block = 0; block < message.size(); block += 64) {
    for (int t = 0; t < 16; ++t) w[t] = LoadBigEndian<uint32_t>(&message[block + 4 * t]);
    for (int t = 16; t < 80; ++t) {
      w[t] = RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; ++t) {
      uint32_t f, k;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999u;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1u;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdcu;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6u;
      }
      const uint32_t temp = RotateLeft(a, 5) + f + e + k + w[t];
      e = d;
      d = c;
      c = RotateLeft(b, 30);
      b = a;
      a = temp;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
  }
  std::string out;
  for (uint32_t word : h) AppendHex(word, true, &out);
  return out;
}

std::string Sha256Hex(std::string_view data) {
  std::array<uint32_t, 8> h;
  std::copy(std::begin(kSha256Initial), std::end(kSha256Initial), h.begin());
  const std::string message = Pad(data, 64, 8, true);
  uint32_t w[64];
  for (size_t block = 0; block < message.size(); block += 64) {
    for (int t = 0; t < 16; ++t) w[t] = LoadBigEndian<uint32_t>(&message[block + 4 * t]);
    for (int t = 16; t < 64; ++t) {
      const uint32_t s0 = RotateRight(w[t - 15], 7) ^ RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const uint32_t s1 = RotateRight(w[t - 2], 17) ^ RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int t = 0; t < 64; ++t) {
      const uint32_t sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
      const uint32_t choose = (e & f) ^ (~e & g);
      const uint32_t t1 = k + sum1 + choose + kSha256Constants[t] + w[t];
      const uint32_t sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
      const uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
      const uint32_t t2 = sum0 + majority;
      k = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  std::string out;
  for (uint32_t word : h) AppendHex(word, true, &out);
  return out;
}

std::string Sha384Hex(std::string_view data) { return Sha512Family(data, kSha384Initial, 6); }

std::string Sha512Hex(std::string_view data) { return Sha512Family(data, kSha512Initial, 8); }

}  // namespace asl::intrinsics
