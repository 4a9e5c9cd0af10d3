#include "simulator/data/customer_generator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <numeric>
#include <string_view>

#include "asl/base/random.h"

namespace sim {

namespace {

constexpr std::string_view kFirstNames[] = {
    "James",   "Mary",    "Robert",  "Patricia", "John",    "Jennifer", "Michael", "Linda",
    "David",   "Elizabeth", "William", "Barbara", "Richard", "Susan",   "Joseph",  "Jessica",
    "Thomas",  "Sarah",   "Charles", "Karen",   "Daniel",  "Lisa",     "Matthew", "Nancy",
    "Anthony", "Sandra",  "Mark",    "Ashley",  "Paul",    "Emily",    "Steven",  "Donna",
    "Andrew",  "Michelle", "Joshua", "Carol",   "Kenneth", "Amanda",   "Kevin",   "Melissa",
    "Brian",   "Deborah", "Lukas",   "Sofia",   "Hiroshi", "Yuki",     "Mateo",   "Valentina",
    "Liam",    "Olivia",  "Noah",    "Emma",    "Arjun",   "Priya",    "Lucas",   "Camille",
    "Jonas",   "Lea",     "Pedro",   "Ana",     "Erik",    "Astrid",   "Marco",   "Giulia"};

constexpr std::string_view kLastNames[] = {
    "Smith",    "Johnson",  "Williams", "Brown",    "Jones",    "Garcia",   "Miller",
    "Davis",    "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Gonzalez", "Wilson",
    "Anderson", "Thomas",   "Taylor",   "Moore",    "Jackson",  "Martin",   "Lee",
    "Perez",    "Thompson", "White",    "Harris",   "Sanchez",  "Clark",    "Ramirez",
    "Lewis",    "Robinson", "Walker",   "Young",    "Allen",    "King",     "Wright",
    "Scott",    "Torres",   "Nguyen",   "Hill",     "Flores",   "Green",    "Adams",
    "Nelson",   "Baker",    "Hall",     "Rivera",   "Campbell", "Mitchell", "Mueller",
    "Schmidt",  "Dubois",   "Rossi",    "Tanaka",   "Suzuki",   "Silva",    "Santos",
    "Patel",    "Sharma",   "Jensen",   "Larsen",   "Novak",    "Kowalski", "Bakker",
    "Visser"};

constexpr std::string_view kDomains[] = {"example.com", "example.net", "example.org",
                                         "mail.example", "inbox.example"};

struct Weighted {
  std::string_view value;
  int weight;  // out of 100
};

constexpr Weighted kCountries[] = {
    {"US", 30}, {"GB", 10}, {"DE", 10}, {"FR", 8}, {"CA", 7}, {"AU", 6}, {"JP", 6},
    {"BR", 5},  {"IN", 5},  {"ES", 4},  {"IT", 4}, {"NL", 3}, {"SE", 2}};

constexpr Weighted kTiers[] = {{"bronze", 60}, {"silver", 25}, {"gold", 12}, {"platinum", 3}};

template <size_t N>
std::string_view Pick(const Weighted (&choices)[N], uint64_t draw) {
  int point = static_cast<int>(draw % 100);
  for (const Weighted& choice : choices) {
    if (point < choice.weight) return choice.value;
    point -= choice.weight;
  }
  return choices[N - 1].value;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Month and day of the 0-based day of a year.
void MonthDay(int year, int day_of_year, int* month, int* day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int m = 0;
  while (true) {
    int days = kDays[m] + (m == 1 && IsLeap(year) ? 1 : 0);
    if (day_of_year < days) break;
    day_of_year -= days;
    ++m;
  }
  *month = m + 1;
  *day = day_of_year + 1;
}

void AssignInt(std::string& out, int64_t value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.assign(buffer, result.ptr);
}

// `value` as exactly `width` decimal digits.
void WriteDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

void AppendLower(std::string& out, std::string_view text) {
  for (char c : text) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

CustomerGenerator::CustomerGenerator(CustomerGeneratorConfig config) : config_(config) {
  config_.rows = std::clamp<int64_t>(config_.rows, 0, kMaxRows);
  if (config_.last_year < config_.first_year) config_.last_year = config_.first_year;
  int years = config_.last_year - config_.first_year + 1;
  // Largest-remainder allocation of the rows to years by weight growth^k.
  std::vector<double> weights(static_cast<size_t>(years));
  for (int k = 0; k < years; ++k) weights[k] = std::pow(config_.yearly_growth, k);
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> counts(static_cast<size_t>(years));
  std::vector<std::pair<double, int>> remainders;
  int64_t assigned = 0;
  for (int k = 0; k < years; ++k) {
    double exact = static_cast<double>(config_.rows) * weights[k] / total;
    counts[k] = static_cast<int64_t>(std::floor(exact));
    assigned += counts[k];
    remainders.emplace_back(exact - std::floor(exact), k);
  }
  // Largest remainders first; ties go to the later year.
  std::sort(remainders.begin(), remainders.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first
                                                                          : a.second > b.second; });
  for (int64_t i = 0; assigned < config_.rows; ++i, ++assigned) {
    ++counts[remainders[static_cast<size_t>(i) % remainders.size()].second];
  }
  year_start_.push_back(0);
  for (int64_t count : counts) year_start_.push_back(year_start_.back() + count);
}

int64_t CustomerGenerator::RowsInYear(int year) const {
  if (year < config_.first_year || year > config_.last_year) return 0;
  size_t k = static_cast<size_t>(year - config_.first_year);
  return year_start_[k + 1] - year_start_[k];
}

int64_t CustomerGenerator::FirstIdOfYear(int year) const {
  if (year < config_.first_year || year > config_.last_year) return 0;
  return year_start_[static_cast<size_t>(year - config_.first_year)] + 1;
}

void CustomerGenerator::Row(int64_t index, std::vector<std::string>& values) const {
  values.resize(kColumnCount);
  // The year: the last year whose first row is at or before `index`.
  auto it = std::upper_bound(year_start_.begin(), year_start_.end() - 1, index);
  size_t k = static_cast<size_t>(it - year_start_.begin()) - 1;
  int year = config_.first_year + static_cast<int>(k);
  int64_t in_year = year_start_[k + 1] - year_start_[k];
  int64_t position = index - year_start_[k];
  int days = IsLeap(year) ? 366 : 365;
  int day_of_year = static_cast<int>(position * days / std::max<int64_t>(in_year, 1));
  int month = 0, day = 0;
  MonthDay(year, day_of_year, &month, &day);

  asl::Random random(config_.seed ^ (static_cast<uint64_t>(index) * 0xD1B54A32D192ED03ull));
  std::string_view first = kFirstNames[random.Next() % std::size(kFirstNames)];
  std::string_view last = kLastNames[random.Next() % std::size(kLastNames)];
  std::string_view domain = kDomains[random.Next() % std::size(kDomains)];
  std::string_view country = Pick(kCountries, random.Next());
  std::string_view tier = Pick(kTiers, random.Next());
  int64_t id = index + 1;

  AssignInt(values[0], id);
  char date[10];
  WriteDigits(date, year, 4);
  date[4] = '-';
  WriteDigits(date + 5, month, 2);
  date[7] = '-';
  WriteDigits(date + 8, day, 2);
  values[1].assign(date, 10);
  AssignInt(values[2], year);
  values[3].assign(first);
  values[4].assign(last);
  std::string& email = values[5];
  email.clear();
  AppendLower(email, first);
  email += '.';
  AppendLower(email, last);
  email += '.';
  char id_text[24];
  auto end = std::to_chars(id_text, id_text + sizeof(id_text), id).ptr;
  email.append(id_text, end);
  email += '@';
  email += domain;
  values[6].assign(country);
  values[7].assign(tier);
}

std::vector<std::string> CustomerGenerator::Columns() {
  return {"customer_id INTEGER", "registration_date TEXT", "registration_year INTEGER",
          "first_name TEXT",     "last_name TEXT",         "email TEXT",
          "country TEXT",        "tier TEXT"};
}

AthenaTableSource CustomerTableSource(std::shared_ptr<const CustomerGenerator> generator,
                                      std::string database) {
  AthenaTableSource source;
  source.database = std::move(database);
  source.name = "customers";
  source.columns = CustomerGenerator::Columns();
  source.generated_rows = generator->rows();
  source.generator = [generator](int64_t row, std::vector<std::string>& values) {
    generator->Row(row, values);
  };
  return source;
}

}  // namespace sim
