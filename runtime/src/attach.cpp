// attach.cpp: attach_scope, entering an interpreter from any thread.
#include "pyidl/detail/attach.h"

#include "pyidl/detail/thread_state.h"
#include "pyidl/interpreter_errors.h"

#include <new>
#include <string>

PYIDL_NAMESPACE_BEGIN
namespace detail {
namespace {
// The innermost attach_scope of this thread; scopes nest strictly, so each links to its
// outer one.
thread_local const attach_scope* innermost_scope = nullptr;
}  // namespace

int foreign_entries_on_this_thread(const interpreter_record& record) noexcept {
  int count = 0;
  for (const attach_scope* scope = innermost_scope; scope != nullptr; scope = scope->outer_) {
    count += scope->record_ == &record && scope->created_ != nullptr ? 1 : 0;
  }
  return count;
}

attach_scope::attach_scope(interpreter_record& record) : record_(&record), outer_(innermost_scope) {
  if (record.is_current()) {
    return;
  }
  if (!record.enter()) {
    throw interpreter_gone_error("Python interpreter " + std::to_string(record.id()) +
                                 " has been finalized or is finalizing; nothing can run in it");
  }
  PyThreadState* fresh = record.new_thread_state();
  if (fresh == nullptr) {
    record.leave();
    throw std::bad_alloc();
  }
  previous_ = attached_thread_state() != nullptr ? PyEval_SaveThread() : nullptr;
  created_ = fresh;
  PyEval_RestoreThread(created_);
  innermost_scope = this;
}

attach_scope::~attach_scope() {
  if (created_ == nullptr) {
    return;
  }
  innermost_scope = outer_;
  PyThreadState_Clear(created_);
  record_->delete_current_thread_state();
  if (previous_ != nullptr) {
    PyEval_RestoreThread(previous_);
  }
  // Only now, with our thread state gone, may the interpreter finish finalizing.
  record_->leave();
}

}  // namespace detail
PYIDL_NAMESPACE_END
