// did_you_mean.h: typo correction for unknown names, in the manner of clang's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pyidlc::sema {

// Returns the candidate closest to `typed`, or nullopt when none is close enough to be a
// plausible typo. A candidate whose last dotted part equals `typed` exactly wins outright
// (`Vec2` → `geometry.Vec2`); otherwise the smallest edit distance wins if it is at most a
// third of the typed length (clang's threshold), ties going to the earliest candidate.
std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

}  // namespace pyidlc::sema
