#pragma once
// English words for integers as the JSONata reference writes them ("three thousand, seven
// hundred and thirty"; ordinals "thirty-first"), letters (a..z, aa..) and roman numerals, and
// back. Title case ("Three Thousand, Seven Hundred and Thirty") is the form produced; callers
// change the case.

#include <map>
#include <optional>
#include <string>

namespace asl::jsonata_pictures {

std::string NumberToWords(double value, bool ordinal);
// Cardinal or ordinal words in any case; nullopt when the text is not such words.
std::optional<double> WordsToNumber(const std::string& text);
// Every lower-case word WordsToNumber knows ("one", "first", "twentieth", "thousand", ...).
const std::map<std::string, double>& NumberWordValues();

std::string NumberToLetters(double value, char a);
std::optional<double> LettersToNumber(const std::string& text, char a);

std::string NumberToRoman(double value);  // lower case
std::optional<double> RomanToNumber(const std::string& text);  // either case

}  // namespace asl::jsonata_pictures
