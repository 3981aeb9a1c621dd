"""check_hello.py: the consumer module imports and works (run by run_install_test.cmake)."""
import inspect

import hello

assert hello.greet("pyidl", excited=True) == "hello, pyidl!"
assert str(inspect.signature(hello.greet)) == "(name, *, excited=False)", inspect.signature(hello.greet)
print("hello works:", hello.__file__)
