#pragma once
// Lexical work on a query string, before and after SQLite sees it: what kind of statement it is
// (Athena's StatementType), the Athena syntax SQLite lacks, and positions as Trino reports them
// ("line 1:15"). Strings, quoted identifiers and comments are skipped the way Trino's lexer
// skips them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sim::athena {

// https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecution.html
// StatementType DML | DDL | UTILITY and SubstatementType ("SELECT", "CREATE_TABLE", …).
struct StatementClass {
  std::string statement_type;     // "DML", "DDL" or "UTILITY"
  std::string substatement_type;  // empty when not known
  bool is_select = false;         // SELECT / WITH / VALUES / a parenthesised query
  // Set when the first token cannot start a statement: Trino's parse error for it,
  // "line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', …, <query>".
  std::string syntax_error;
};
StatementClass ClassifyStatement(std::string_view sql);

// The query as SQLite runs it: `DATE '2007-01-01'` and `TIMESTAMP '…'` literals become the
// bare string, the catalog prefix `awsdatacatalog.` of a three-part name is blanked out, and
// `default` in a qualified name (a keyword in SQLite, a plain name in Trino) is quoted.
// OriginalOffset maps SQLite's error offsets back into the user's text.
struct RewrittenSql {
  std::string text;
  std::vector<size_t> inserted;  // offsets in `text` of characters the user did not write

  size_t OriginalOffset(size_t offset) const;
};
RewrittenSql RewriteForSqlite(std::string_view sql);

// 1-based line and column (in characters) of a byte offset, as Trino reports positions.
struct SqlPosition {
  int line = 1;
  int column = 1;
};
SqlPosition PositionOf(std::string_view sql, size_t offset);

// The byte offset of the first occurrence of a (possibly dotted) name as identifier tokens,
// case-insensitively, quoted or not ("retail.customers" matches `Retail . "customers"`);
// npos when absent.
size_t FindName(std::string_view sql, std::string_view dotted_name);

// The byte offset where the first statement ends and anything but whitespace, comments and a
// single ';' follows; npos when the text is a single statement.
size_t FindSecondStatement(std::string_view sql, size_t first_statement_end);

// The token at a byte offset as Trino's parser names it in "mismatched input 'X'": the token's
// text, or "<EOF>" at the end of the input.
std::string TokenAt(std::string_view sql, size_t offset);

// The first byte offset that is not whitespace or a comment; the end of the text if none.
size_t SkipBlanks(std::string_view sql, size_t offset);

}  // namespace sim::athena
