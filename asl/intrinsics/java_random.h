#pragma once
// java.util.Random, bit for bit: the 48-bit linear congruential generator of The Art of
// Computer Programming, 3.2.1, as the Java SE API specification defines it.
// https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Random.html
//
// Seeded States.MathRandom uses it: AWS's implementation is Java, so `start +
// new Random(seed).nextInt(end - start)` is the likeliest way AWS derives a seeded number.
// This is a guess (no recorded seeded value exists); what is certain is that the same seed
// gives the same number, on every platform.

#include <cstdint>

namespace asl::intrinsics {

class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed) : seed_((static_cast<uint64_t>(seed) ^ kMultiplier) & kMask) {}

  // Random.next(bits).
  int32_t Next(int bits) {
    seed_ = (seed_ * kMultiplier + kIncrement) & kMask;
    return static_cast<int32_t>(static_cast<uint32_t>(seed_ >> (48 - bits)));
  }

  // Random.nextInt(): a uniformly distributed int.
  int32_t NextInt() { return Next(32); }

  // Random.nextInt(bound): uniform in [0, bound); requires bound > 0.
  int32_t NextInt(int32_t bound) {
    int32_t r = Next(31);
    const int32_t m = bound - 1;
    if ((bound & m) == 0) {  // a power of two
      return static_cast<int32_t>((static_cast<int64_t>(bound) * r) >> 31);
    }
    // Java relies on int overflow to reject the values that would bias the result; the same
    // arithmetic is done on unsigned integers here.
    for (int32_t u = r;; u = Next(31)) {
      r = u % bound;
      const auto check = static_cast<int32_t>(static_cast<uint32_t>(u) - static_cast<uint32_t>(r) +
                                              static_cast<uint32_t>(m));
      if (check >= 0) return r;
    }
  }

 private:
  static constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
  static constexpr uint64_t kIncrement = 0xBULL;
  static constexpr uint64_t kMask = (1ULL << 48) - 1;
  uint64_t seed_;
};

}  // namespace asl::intrinsics
