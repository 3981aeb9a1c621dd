// ast.cpp: the few AST helpers that are more than data.
#include "compiler/ast/ast.h"

namespace pyidlc::ast {

std::string DottedName::joined() const {
  std::string text;
  for (const Name& part : parts) {
    if (!text.empty()) text += '.';
    text += part.text;
  }
  return text;
}

}  // namespace pyidlc::ast
