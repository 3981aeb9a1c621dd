// did_you_mean.cpp: edit-distance suggestions for unknown names.
#include "compiler/sema/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace pyidlc::sema {
namespace {

// Levenshtein distance, computed with a single row because only the number is needed.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view last_part(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

}  // namespace

std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates) {
  for (const std::string& candidate : candidates) {
    if (candidate != typed && last_part(candidate) == typed) return candidate;
  }
  // Like clang: allow roughly one typo per three characters, and at least one.
  size_t limit = std::max<size_t>(1, (typed.size() + 2) / 3);
  const std::string* best = nullptr;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == typed) continue;
    size_t length_gap = candidate.size() > typed.size() ? candidate.size() - typed.size()
                                                        : typed.size() - candidate.size();
    if (length_gap >= best_distance) continue;  // cannot beat the current best
    size_t distance = edit_distance(typed, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace pyidlc::sema
