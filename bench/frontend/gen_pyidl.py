#!/usr/bin/env python3
"""gen_pyidl.py: writes a valid .pyidl file with a given number of declarations.

Usage: gen_pyidl.py DECLARATIONS OUT.pyidl

The mix follows what a real binding of a mid-sized C++ library looks like, per 100
declarations: 45 module functions, 2 classes (each with a constructor, 4 attributes,
2 properties, 12 methods and __eq__: 21 declarations with the class itself), 10 constants,
2 enums, 1 exception. Functions use every parameter kind: positional-only, keyword-only,
defaults, the module state, containers, optionals, enums and bound classes. Output is fully
determined by the count, so timings compare across runs.
"""

import random
import sys

VERBS = ["get", "set", "find", "load", "save", "make", "scale", "merge", "split", "parse",
         "render", "fit", "sample", "clamp", "encode", "decode", "resize", "query"]
NOUNS = ["point", "mesh", "image", "buffer", "record", "layer", "frame", "path", "shape",
         "matrix", "vector", "index", "cache", "track", "label", "color"]
SCALARS = ["int", "float", "bool", "str", "bytes"]
DEFAULTS = {"int": ["0", "1", "-1", "42", "0x10"], "float": ["0.0", "1.5", "-2.5e-3"],
            "bool": ["True", "false"], "str": ['"x"', '""', '"utf-8"'], "bytes": []}


class Generator:
    def __init__(self, count):
        self.count = count
        self.rng = random.Random(count)
        self.lines = []
        self.emitted = 0
        self.classes = []  # bound classes declared so far: usable as types
        self.enums = []    # (name, first member)

    def name(self, prefix=""):
        return f"{prefix}{self.rng.choice(VERBS)}_{self.rng.choice(NOUNS)}_{self.emitted}"

    def doc(self, text):
        # About a third of the declarations carry a docstring, as real bindings do.
        return f' """{text}"""' if self.rng.random() < 0.33 else ""

    def type_and_default(self):
        """A parameter type, and a default that fits it (or None)."""
        roll = self.rng.random()
        if roll < 0.55:
            t = self.rng.choice(SCALARS)
            return t, self.rng.choice(DEFAULTS[t]) if DEFAULTS[t] else None
        if roll < 0.75:
            t = self.rng.choice([f"list[{self.rng.choice(SCALARS)}]", "dict[str, int]",
                                 "tuple[int, float]", "set[str]", "list[tuple[str, float]]"])
            return t, None
        if roll < 0.85:
            return f"{self.rng.choice(SCALARS)} | None", "None"
        if roll < 0.93 and self.enums:
            enum, member = self.rng.choice(self.enums)
            return enum, f"{enum}.{member}"
        if self.classes:
            return self.rng.choice(self.classes), None
        return "float", "0.5"

    def params(self, first=()):
        """A parameter list: some positional-only, some keyword-only, defaults last."""
        params = list(first)
        count = self.rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 7])
        if self.rng.random() < 0.05:
            params.append("state")
        defaulted = False
        positional_only = self.rng.random() < 0.15
        keyword_only_at = self.rng.randrange(count + 1) if self.rng.random() < 0.2 else None
        for i in range(count):
            if i == keyword_only_at:
                params.append("*")
            t, default = self.type_and_default()
            # A default once started must continue, so parameters without one come first.
            if default is not None and (defaulted or self.rng.random() < 0.4):
                defaulted = True
                params.append(f"p{i}: {t} = {default}")
            elif defaulted:
                params.append(f"p{i}: {t} | None = None")
            else:
                params.append(f"p{i}: {t}")
            if positional_only and i == 0 and keyword_only_at != 0:
                params.append("/")
        return ", ".join(params)

    def returns(self):
        if self.rng.random() < 0.25:
            return ""
        return f" -> {self.type_and_default()[0]}"

    def emit(self, line, indent=0):
        self.lines.append("    " * indent + line)
        self.emitted += 1

    def function(self):
        name = self.name()
        cxx = f" = impl::{name}" if self.rng.random() < 0.2 else ""
        self.emit(f"def {name}({self.params()}){self.returns()}{cxx}{self.doc('Does ' + name)};")

    def constant(self):
        t = self.rng.choice(["int", "float", "bool", "str"])
        self.emit(f"const {self.name('K_').upper()}: {t} = {self.rng.choice(DEFAULTS[t])};")

    def enum(self):
        name = f"Kind{self.emitted}"
        kind = self.rng.choice(["enum", "enum", "flag"])
        members = [f"M{i}" for i in range(self.rng.randrange(3, 9))]
        values = ", ".join(f"{m} = {1 << i if kind == 'flag' else i}" for i, m in enumerate(members))
        self.emit(f"{kind} {name} {{ {values} }}")
        self.enums.append((name, members[0]))

    def exception(self):
        self.emit(f"exception Error{self.emitted}(RuntimeError){self.doc('A failure')};")

    def klass(self):
        name = f"Thing{self.emitted}"
        self.emit(f"class {name} = impl::{name} {{")
        self.emit("def __init__(self, value: float = 0.0);", 1)
        for i in range(4):
            readonly = "readonly " if i % 2 else ""
            t, _ = self.type_and_default()
            self.emit(f"{readonly}attr a{i}: {t};", 1)
        self.classes.append(name)  # after the attributes: a class cannot hold itself by value
        for i in range(2):
            setter = " set = set_prop{i};".format(i=i) if i else ""
            self.emit(f"property prop{i}: float {{ get = prop{i};{setter} }}", 1)
        for _ in range(12):
            static = self.rng.random() < 0.1
            first = () if static else ("self",)
            prefix = "@staticmethod " if static else ""
            self.emit(f"{prefix}def {self.name()}({self.params(first)}){self.returns()}"
                      f"{self.doc('A method')};", 1)
        self.emit(f"def __eq__(self, other: {name}) -> bool;", 1)
        self.lines.append("}")

    def generate(self):
        self.lines += [f"// Generated by bench/frontend/gen_pyidl.py: {self.count} declarations.",
                       f"module bench_{self.count};", "",
                       '"""A synthetic binding for timing the front end."""', "",
                       'include "bench/impl.hpp";', "namespace impl;", "state impl::State;", ""]
        # One block of 100 declarations, in the mix the module docstring describes.
        block = ["exception"] + ["enum"] * 2 + ["constant"] * 10 + ["class"] * 2
        block += ["function"] * 45
        while self.emitted < self.count:
            for kind in block:
                if kind == "class" and self.count - self.emitted < 21:
                    kind = "function"  # a class is 21 declarations; keep the total exact
                getattr(self, kind if kind != "class" else "klass")()
                if self.emitted >= self.count:
                    break
        return "\n".join(self.lines) + "\n"


def generate(count):
    """The text of a .pyidl file with `count` declarations."""
    return Generator(count).generate()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w", encoding="utf-8") as f:
        f.write(generate(count))


if __name__ == "__main__":
    main()
