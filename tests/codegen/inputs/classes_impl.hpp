// classes_impl.hpp: the C++ side of classes.pyidl, only so that its generated code compiles.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace cls_impl {

class Box {
 public:
  Box(std::int64_t size, std::string label) : size(size), label(std::move(label)) {}
  std::int64_t size;
  std::string label;
  const std::int64_t capacity = 16;

  std::int64_t total() const { return size; }
  void push(std::int64_t value, std::int64_t times, bool front) {
    items_.insert(front ? items_.begin() : items_.end(), static_cast<size_t>(times), value);
  }
  std::string to_string() const { return label; }
  static Box make(std::int64_t size) { return Box(size, "made"); }
  static std::string version() { return "1"; }
  static std::string kind() { return "box"; }
  std::int64_t doubled() const { return 2 * size; }
  std::string title() const { return label; }
  void set_title(std::string t) { label = std::move(t); }

  std::string repr() const { return "Box(" + label + ")"; }
  std::int64_t size_of() const { return static_cast<std::int64_t>(items_.size()); }
  bool non_empty() const { return !items_.empty(); }
  std::int64_t hash() const { return size; }
  bool operator==(const Box& other) const { return size == other.size; }
  bool operator<(const Box& other) const { return size < other.size; }
  Box operator+(const Box& other) const { return Box(size + other.size, label); }
  Box radd(std::int64_t other) const { return Box(size + other, label); }
  std::int64_t get(std::int64_t index) const { return items_.at(static_cast<size_t>(index)); }
  void set(std::int64_t index, std::int64_t value) { items_.at(static_cast<size_t>(index)) = value; }
  void erase(std::int64_t index) { items_.erase(items_.begin() + index); }
  bool contains(std::int64_t value) const { return std::find(items_.begin(), items_.end(), value) != items_.end(); }
  std::vector<std::int64_t> apply(std::int64_t scale, std::int64_t offset) const {
    std::vector<std::int64_t> out;
    for (std::int64_t item : items_) out.push_back(item * scale + offset);
    return out;
  }

 private:
  std::vector<std::int64_t> items_;
};

// Square extends Shape in C++ too, and adds a member (so the two differ in size).
class Shape {
 public:
  explicit Shape(std::int64_t sides) : sides_(sides) {}
  std::int64_t sides() const { return sides_; }

 private:
  std::int64_t sides_;
};

class Square : public Shape {
 public:
  explicit Square(double side) : Shape(4), side_(side) {}
  double area() const { return side_ * side_; }

 private:
  double side_;
};

}  // namespace cls_impl
