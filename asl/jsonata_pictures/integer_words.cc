#include "asl/jsonata_pictures/integer_words.h"

#include <cctype>
#include <cmath>
#include <map>
#include <vector>

namespace asl::jsonata_pictures {
namespace {

const char* const kFew[] = {"Zero",    "One",     "Two",       "Three",    "Four",
                            "Five",    "Six",     "Seven",     "Eight",    "Nine",
                            "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
                            "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
const char* const kOrdinals[] = {
    "Zeroth",    "First",      "Second",     "Third",       "Fourth",
    "Fifth",     "Sixth",      "Seventh",    "Eighth",      "Ninth",
    "Tenth",     "Eleventh",   "Twelfth",    "Thirteenth",  "Fourteenth",
    "Fifteenth", "Sixteenth",  "Seventeenth", "Eighteenth", "Nineteenth"};
const char* const kDecades[] = {"Twenty", "Thirty",  "Forty",  "Fifty",
                                "Sixty",  "Seventy", "Eighty", "Ninety"};
const char* const kMagnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};
constexpr int kMagnitudeCount = 4;

std::string Lookup(double num, bool prev, bool ordinal) {
  std::string words;
  if (num <= 19) {
    int n = static_cast<int>(num);
    words = std::string(prev ? " and " : "") + (ordinal ? kOrdinals[n] : kFew[n]);
  } else if (num < 100) {
    int tens = static_cast<int>(num) / 10;
    int remainder = static_cast<int>(num) % 10;
    words = std::string(prev ? " and " : "") + kDecades[tens - 2];
    if (remainder > 0) {
      words += "-" + Lookup(remainder, false, ordinal);
    } else if (ordinal) {
      words.pop_back();  // Twenty -> Twentieth
      words += "ieth";
    }
  } else if (num < 1000) {
    int hundreds = static_cast<int>(num) / 100;
    int remainder = static_cast<int>(num) % 100;
    words = std::string(prev ? ", " : "") + kFew[hundreds] + " Hundred";
    if (remainder > 0) {
      words += Lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  } else {
    int magnitude = static_cast<int>(std::floor(std::log10(num) / 3));
    if (magnitude > kMagnitudeCount) magnitude = kMagnitudeCount;
    double factor = std::pow(10, magnitude * 3);
    double mantissa = std::floor(num / factor);
    double remainder = num - mantissa * factor;
    words = std::string(prev ? ", " : "") + Lookup(mantissa, false, false) + " " +
            kMagnitudes[magnitude - 1];
    if (remainder > 0) {
      words += Lookup(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  }
  return words;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string NumberToWords(double value, bool ordinal) {
  if (!std::isfinite(value) || value < 0) return "";
  return Lookup(std::floor(value), false, ordinal);
}

const std::map<std::string, double>& NumberWordValues() {
  static const std::map<std::string, double> kValues = [] {
    std::map<std::string, double> values;
    for (int i = 0; i < 20; ++i) {
      values[Lower(kFew[i])] = i;
      values[Lower(kOrdinals[i])] = i;
    }
    for (int i = 0; i < 8; ++i) {
      std::string decade = Lower(kDecades[i]);
      values[decade] = (i + 2) * 10;
      values[decade.substr(0, decade.size() - 1) + "ieth"] = (i + 2) * 10;
    }
    values["hundred"] = values["hundredth"] = 100;
    for (int i = 0; i < kMagnitudeCount; ++i) {
      double magnitude = std::pow(10, (i + 1) * 3);
      values[Lower(kMagnitudes[i])] = values[Lower(kMagnitudes[i]) + "th"] = magnitude;
    }
    return values;
  }();
  return kValues;
}

std::optional<double> WordsToNumber(const std::string& text) {
  const std::map<std::string, double>& values = NumberWordValues();
  std::vector<std::string> words;
  std::string word;
  for (char c : Lower(text) + " ") {
    if (c == ' ' || c == ',' || c == '-') {
      if (!word.empty() && word != "and") words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (words.empty()) return std::nullopt;
  // Segments as the reference sums them: a word below 100 adds to the open segment (or opens
  // one after a segment of a thousand or more); hundred and the magnitudes multiply the open
  // segment, so magnitudes stack ("one thousand trillion").
  std::vector<double> segments = {0};
  for (const std::string& w : words) {
    auto it = values.find(w);
    if (it == values.end()) return std::nullopt;
    double v = it->second;
    if (v < 100) {
      double top = segments.back();
      if (top >= 1000) {
        segments.push_back(v);
      } else {
        segments.back() = top + v;
      }
    } else {
      segments.back() *= v;
    }
  }
  double total = 0;
  for (double v : segments) total += v;
  return total;
}

std::string NumberToLetters(double value, char a) {
  std::string letters;
  while (value > 0) {
    letters.insert(letters.begin(), static_cast<char>(a + static_cast<int>(std::fmod(value - 1, 26))));
    value = std::floor((value - 1) / 26);
  }
  return letters;
}

std::optional<double> LettersToNumber(const std::string& text, char a) {
  double value = 0;
  for (char c : text) {
    if (c < a || c > a + 25) return std::nullopt;
    value = value * 26 + (c - a + 1);
  }
  return value;
}

namespace {
const std::pair<int, const char*> kRomanNumerals[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                              {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                              {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                              {1, "i"}};
}  // namespace

std::string NumberToRoman(double value) {
  std::string out;
  if (!std::isfinite(value)) return out;
  for (const auto& [n, letters] : kRomanNumerals) {
    while (value >= n) {
      out += letters;
      value -= n;
    }
  }
  return out;
}

std::optional<double> RomanToNumber(const std::string& text) {
  auto digit = [](char c) -> int {
    switch (std::tolower(static_cast<unsigned char>(c))) {
      case 'm': return 1000;
      case 'd': return 500;
      case 'c': return 100;
      case 'l': return 50;
      case 'x': return 10;
      case 'v': return 5;
      case 'i': return 1;
      default: return 0;
    }
  };
  double value = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int d = digit(text[i]);
    if (d == 0) return std::nullopt;
    int next = i + 1 < text.size() ? digit(text[i + 1]) : 0;
    value += next > d ? -d : d;
  }
  return value;
}

}  // namespace asl::jsonata_pictures
