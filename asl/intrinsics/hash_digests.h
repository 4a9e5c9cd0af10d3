#pragma once
// The message digests of States.Hash, written from their specifications: sfnsim takes no
// cryptography library as a dependency. Each returns the lowercase hexadecimal digest, which
// is what States.Hash outputs (recorded on AWS: States.Hash('input data', 'SHA-1') =
// "aaff4a450a104cd177d28d18d74485e8cae074b7").

#include <string>
#include <string_view>

namespace asl::intrinsics {

std::string Md5Hex(std::string_view data);     // RFC 1321
std::string Sha1Hex(std::string_view data);    // FIPS 180-4, section 6.1
std::string Sha256Hex(std::string_view data);  // FIPS 180-4, section 6.2
std::string Sha384Hex(std::string_view data);  // FIPS 180-4, section 6.5
std::string Sha512Hex(std::string_view data);  // FIPS 180-4, section 6.4

}  // namespace asl::intrinsics
