// suggestions.cpp: CPython's Levenshtein-based keyword suggestion, reimplemented without private API.
#include "suggestions.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {

// The constants of Python/suggestions.c; changing any of them changes which name CPython
// suggests, and the args tests compare against the real interpreter.
constexpr std::size_t max_candidate_items = 750;
constexpr std::size_t max_string_size = 40;
constexpr std::size_t move_cost = 2;
constexpr std::size_t case_cost = 1;

// Cost of replacing `a` by `b`: nothing if equal, less for a case flip of an ASCII letter.
std::size_t substitution_cost(char a, char b) noexcept {
  if ((a & 31) != (b & 31)) {
    return move_cost;  // not the same letter in any case
  }
  if (a == b) {
    return 0;
  }
  if ('A' <= a && a <= 'Z') {
    a = static_cast<char>(a + ('a' - 'A'));
  }
  if ('A' <= b && b <= 'Z') {
    b = static_cast<char>(b + ('a' - 'A'));
  }
  return a == b ? case_cost : move_cost;
}

// Weighted edit distance between a and b, or any value > max_cost once it must exceed it.
std::size_t levenshtein_distance(const char* a, std::size_t a_size, const char* b,
                                 std::size_t b_size, std::size_t max_cost) noexcept {
  if (a == b) {
    return 0;
  }
  // Trim the common prefix and suffix: they cost nothing.
  while (a_size && b_size && a[0] == b[0]) {
    ++a, --a_size;
    ++b, --b_size;
  }
  while (a_size && b_size && a[a_size - 1] == b[b_size - 1]) {
    --a_size, --b_size;
  }
  if (a_size == 0 || b_size == 0) {
    return (a_size + b_size) * move_cost;
  }
  if (a_size > max_string_size || b_size > max_string_size) {
    return max_cost + 1;
  }
  if (b_size < a_size) {  // keep the row buffer for the shorter string
    std::swap(a, b);
    std::swap(a_size, b_size);
  }
  if ((b_size - a_size) * move_cost > max_cost) {
    return max_cost + 1;
  }
  // One row of the classic matrix, updated in place.
  std::size_t buffer[max_string_size];
  std::size_t tmp = move_cost;
  for (std::size_t i = 0; i < a_size; ++i) {
    buffer[i] = tmp;
    tmp += move_cost;
  }
  std::size_t result = 0;
  for (std::size_t b_index = 0; b_index < b_size; ++b_index) {
    const char code = b[b_index];
    std::size_t distance = result = b_index * move_cost;
    std::size_t minimum = SIZE_MAX;
    for (std::size_t index = 0; index < a_size; ++index) {
      const std::size_t substitute = distance + substitution_cost(code, a[index]);
      distance = buffer[index];
      const std::size_t insert_delete = std::min(result, distance) + move_cost;
      result = std::min(insert_delete, substitute);
      buffer[index] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) {
      return max_cost + 1;  // the whole row is too expensive already
    }
  }
  return result;
}

}  // namespace

int closest_name(const char* name, std::size_t size, const char* const* candidates,
                 int count) noexcept {
  if (count < 0 || static_cast<std::size_t>(count) >= max_candidate_items) {
    return -1;
  }
  int best = -1;
  std::size_t best_distance = SIZE_MAX;
  for (int i = 0; i < count; ++i) {
    const char* item = candidates[i];
    const std::size_t item_size = std::strlen(item);
    if (item_size == size && std::memcmp(item, name, size) == 0) {
      continue;  // an identical name is no suggestion
    }
    // No more than a third of the characters involved may change, and a candidate must
    // beat the best so far (ties keep the earlier one).
    std::size_t max_distance = (size + item_size + 3) * move_cost / 6;
    if (best_distance == 0) {
      break;  // cannot be beaten (and best_distance - 1 would wrap)
    }
    if (best_distance != SIZE_MAX) {
      max_distance = std::min(max_distance, best_distance - 1);
    }
    const std::size_t distance = levenshtein_distance(name, size, item, item_size, max_distance);
    if (distance > max_distance) {
      continue;
    }
    if (best < 0 || distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace detail
PYIDL_NAMESPACE_END
