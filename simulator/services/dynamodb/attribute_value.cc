#include "simulator/services/dynamodb/attribute_value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace sim::dynamodb {

namespace {

// A decimal as sign, significant digits and the power of ten of the first digit's place + 1:
// "12.5" -> {false, "125", 2}; zero is {false, "", 0}.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

Decimal Parse(std::string_view text) {
  Decimal d;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  std::string digits;
  int64_t point = -1;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') point = static_cast<int64_t>(digits.size());
    else digits.push_back(text[i]);
  }
  if (point < 0) point = static_cast<int64_t>(digits.size());
  int64_t exp = 0;
  if (i < text.size()) {
    std::string_view e = text.substr(i + 1);
    bool neg = !e.empty() && e[0] == '-';
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
    for (char c : e) exp = std::min<int64_t>(exp * 10 + (c - '0'), 1000000);
    if (neg) exp = -exp;
  }
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};
  size_t last = digits.find_last_not_of('0');
  d.digits = digits.substr(first, last - first + 1);
  d.exponent = point - static_cast<int64_t>(first) + exp;
  return d;
}

int CompareMagnitude(const Decimal& a, const Decimal& b) {
  if (a.digits.empty() || b.digits.empty()) {
    return a.digits.empty() == b.digits.empty() ? 0 : (a.digits.empty() ? -1 : 1);
  }
  if (a.exponent != b.exponent) return a.exponent < b.exponent ? -1 : 1;
  int c = a.digits.compare(b.digits);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string Format(const Decimal& d) {
  if (d.digits.empty()) return "0";
  std::string out = d.negative ? "-" : "";
  int64_t n = static_cast<int64_t>(d.digits.size());
  if (d.exponent <= 0) {
    out += "0." + std::string(static_cast<size_t>(-d.exponent), '0') + d.digits;
  } else if (d.exponent >= n) {
    out += d.digits + std::string(static_cast<size_t>(d.exponent - n), '0');
  } else {
    out += d.digits.substr(0, static_cast<size_t>(d.exponent)) + "." +
           d.digits.substr(static_cast<size_t>(d.exponent));
  }
  return out;
}

// Digits of |d| aligned to places [low, high): most significant first.
std::string Aligned(const Decimal& d, int64_t high, int64_t low) {
  std::string out(static_cast<size_t>(high - low), '0');
  for (size_t k = 0; k < d.digits.size(); ++k) {
    int64_t place = d.exponent - 1 - static_cast<int64_t>(k);
    out[static_cast<size_t>(high - 1 - place)] = d.digits[k];
  }
  return out;
}

bool IsSet(std::string_view type) { return type == "SS" || type == "NS" || type == "BS"; }

}  // namespace

bool IsNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  size_t digits = 0;
  bool point = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.' && !point) point = true;
    else if (std::isdigit(static_cast<unsigned char>(text[i]))) ++digits;
    else return false;
  }
  if (digits == 0) return false;
  if (i < text.size()) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (i >= text.size() || i + 6 < text.size()) return false;
    for (; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
  }
  // DynamoDB keeps 38 significant digits, magnitudes 1E-130 to 1E+126.
  Decimal d = Parse(text);
  return d.digits.size() <= 38 && (d.digits.empty() || (d.exponent > -130 && d.exponent <= 126));
}

int CompareNumbers(std::string_view a, std::string_view b) {
  Decimal x = Parse(a), y = Parse(b);
  if (x.digits.empty()) x.negative = false;
  if (y.digits.empty()) y.negative = false;
  if (x.negative != y.negative) return x.negative ? -1 : 1;
  int c = CompareMagnitude(x, y);
  return x.negative ? -c : c;
}

std::string AddNumbers(std::string_view a, std::string_view b, bool subtract) {
  Decimal x = Parse(a), y = Parse(b);
  if (subtract) y.negative = !y.negative;
  if (x.digits.empty()) return Format(y);
  if (y.digits.empty()) return Format(x);
  int64_t high = std::max(x.exponent, y.exponent) + 1;
  int64_t low = std::min(x.exponent - static_cast<int64_t>(x.digits.size()),
                         y.exponent - static_cast<int64_t>(y.digits.size()));
  std::string p = Aligned(x, high, low), q = Aligned(y, high, low);
  bool negative = x.negative;
  if (x.negative != y.negative) {
    // Subtract the smaller magnitude from the larger.
    if (CompareMagnitude(x, y) < 0) {
      std::swap(p, q);
      negative = y.negative;
    }
    int borrow = 0;
    for (size_t k = p.size(); k-- > 0;) {
      int v = (p[k] - '0') - (q[k] - '0') - borrow;
      borrow = v < 0;
      p[k] = static_cast<char>('0' + (v + 10) % 10);
    }
  } else {
    int carry = 0;
    for (size_t k = p.size(); k-- > 0;) {
      int v = (p[k] - '0') + (q[k] - '0') + carry;
      carry = v / 10;
      p[k] = static_cast<char>('0' + v % 10);
    }
  }
  // p holds places [low, high): put the point back and parse it again to normalise.
  std::string number = (negative ? "-" : "") + p + "E" + std::to_string(low);
  Decimal sum = Parse(number);
  sum.negative = negative;
  return Format(sum);
}

std::string_view TypeOf(const asl::Json& value) {
  if (!value.is_object() || value.size() != 1) return {};
  return value.begin().key();
}

std::string CheckAttributeValue(const asl::Json& value, std::string_view path) {
  if (!value.is_object() || value.size() != 1) {
    return fmt::format("Supplied AttributeValue has more than one datatypes set, must contain "
                       "exactly one of the supported datatypes (attribute {})", path);
  }
  std::string_view type = TypeOf(value);
  const asl::Json& v = value.begin().value();
  auto not_of = [&](const char* what) {
    return fmt::format("Invalid attribute value type: {} must be {} (attribute {})", type, what,
                       path);
  };
  if (type == "S" || type == "B") return v.is_string() ? "" : not_of("a string");
  if (type == "N") {
    if (!v.is_string()) return not_of("a string");
    if (!IsNumber(v.get_ref<const std::string&>())) {
      return "A value provided cannot be converted into a number";
    }
    return "";
  }
  if (type == "BOOL") return v.is_boolean() ? "" : not_of("a boolean");
  if (type == "NULL") {
    return v.is_boolean() && v.get<bool>() ? "" : "Null attribute value types must have the value of true";
  }
  if (type == "L") {
    if (!v.is_array()) return not_of("a list");
    for (size_t i = 0; i < v.size(); ++i) {
      if (std::string e = CheckAttributeValue(v[i], fmt::format("{}[{}]", path, i)); !e.empty()) {
        return e;
      }
    }
    return "";
  }
  if (type == "M") {
    if (!v.is_object()) return not_of("a map");
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (std::string e = CheckAttributeValue(*it, fmt::format("{}.{}", path, it.key()));
          !e.empty()) {
        return e;
      }
    }
    return "";
  }
  if (IsSet(type)) {
    if (!v.is_array()) return not_of("a list");
    if (v.empty()) {
      // AWS's wording, "An" and the double space included.
      const char* kind = type == "SS" ? "string" : (type == "NS" ? "number" : "binary");
      return fmt::format("One or more parameter values were invalid: An {} set  may not be empty",
                         kind);
    }
    std::set<std::string> seen;
    for (const asl::Json& element : v) {
      if (!element.is_string()) return not_of("a list of strings");
      std::string text = element.get<std::string>();
      if (type == "NS") {
        if (!IsNumber(text)) return "A value provided cannot be converted into a number";
        text = AddNumbers(text, "0");
      }
      if (!seen.insert(text).second) {
        return fmt::format("One or more parameter values were invalid: Input collection {} "
                           "contains duplicates.", asl::Dump(v));
      }
    }
    return "";
  }
  return fmt::format("Supplied AttributeValue has an unknown datatype \"{}\" (attribute {})", type,
                     path);
}

std::optional<int> CompareScalars(const asl::Json& a, const asl::Json& b) {
  std::string_view ta = TypeOf(a), tb = TypeOf(b);
  if (ta != tb || !(ta == "S" || ta == "N" || ta == "B")) return std::nullopt;
  const std::string& x = a.begin().value().get_ref<const std::string&>();
  const std::string& y = b.begin().value().get_ref<const std::string&>();
  if (ta == "N") return CompareNumbers(x, y);
  int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool Equal(const asl::Json& a, const asl::Json& b) {
  std::string_view ta = TypeOf(a), tb = TypeOf(b);
  if (ta.empty() || ta != tb) return false;
  if (auto c = CompareScalars(a, b)) return *c == 0;
  const asl::Json& x = a.begin().value();
  const asl::Json& y = b.begin().value();
  if (IsSet(ta)) {
    if (x.size() != y.size()) return false;
    for (const asl::Json& e : x) {
      bool found = std::any_of(y.begin(), y.end(), [&](const asl::Json& f) {
        return ta == "NS" ? CompareNumbers(e.get_ref<const std::string&>(),
                                           f.get_ref<const std::string&>()) == 0
                          : e == f;
      });
      if (!found) return false;
    }
    return true;
  }
  if (ta == "L") {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!Equal(x[i], y[i])) return false;
    }
    return true;
  }
  if (ta == "M") {
    if (x.size() != y.size()) return false;
    for (auto it = x.begin(); it != x.end(); ++it) {
      auto other = y.find(it.key());
      if (other == y.end() || !Equal(*it, *other)) return false;
    }
    return true;
  }
  return x == y;  // BOOL, NULL
}

}  // namespace sim::dynamodb
