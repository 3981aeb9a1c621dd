"""parallel_demo.py: the textstats module in 4 isolated sub-interpreters on 4 threads at once.

Each interpreter has its own GIL (PEP 684) and its own textstats module object, with its
own Registry: its own default stop words and counters. The demo runs the same CPU-bound job
(similarity of every pair of 500 generated documents) once in one interpreter, then in four
interpreters at the same time, and prints what each did and the throughput speed-up.

    python parallel_demo.py [--interpreters N] [--documents N] [--rounds N]

It needs the built module on sys.path (scripts/demo.sh sets that up) and tests/support for
the sub-interpreter helper.
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "support"))
from subinterpreters import Interpreter  # noqa: E402

# Runs inside each sub-interpreter; `index` and `documents` are passed in.
JOB = """
import random, time, textstats
rng = random.Random(index)
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau",
         "upsilon", "phi", "chi", "psi", "omega", "the", "and", "of", "to", "in"]
texts = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(documents)]
# Each interpreter configures its own default stop words: no other interpreter sees them.
textstats.set_default_stop_words(["the", "and", "of", "to", "in", words[index % 20]])
start = time.perf_counter()
matrix = textstats.similarity_matrix(texts, method=textstats.Metric.COSINE)
vocabulary = textstats.build_vocabulary(texts)
elapsed = time.perf_counter() - start
mean = sum(map(sum, matrix)) / (len(matrix) ** 2)
result = (index, elapsed, round(mean, 4), vocabulary.most_common(1)[0],
          textstats.counters()["documents"], len(textstats.default_stop_words()))
"""


def run(count, documents):
    """Runs JOB in `count` new isolated interpreters at once; returns (results, wall time)."""
    interpreters = [Interpreter() for _ in range(count)]
    results = [None] * count
    errors = []
    barrier = threading.Barrier(count + 1)

    def worker(i):
        try:
            barrier.wait()
            results[i] = interpreters[i].run(JOB, index=i, documents=documents)
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    for interp in interpreters:
        interp.close()
    if errors:
        raise errors[0]
    return results, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interpreters", type=int, default=4)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each configuration; the fastest counts (the first "
                             "pays one-time costs such as loading the module)")
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
    one_wall = min(run(1, args.documents)[1] for _ in range(args.rounds))
    print(f"1 interpreter:  {one_wall:.2f} s for 1 job (best of {args.rounds})")
    rounds = [run(args.interpreters, args.documents) for _ in range(args.rounds)]
    results, many_wall = min(rounds, key=lambda r: r[1])
    print(f"{args.interpreters} interpreters: {many_wall:.2f} s for {args.interpreters} jobs, "
          f"in parallel threads (best of {args.rounds})")
    for index, elapsed, mean, top, documents, stop_words in results:
        print(f"  interpreter {index}: {elapsed:.2f} s, mean cosine similarity {mean}, "
              f"top word {top[0]!r} x{top[1]}, counted {documents} documents, "
              f"{stop_words} stop words of its own")
    # Every interpreter counted only its own documents: the module state is per interpreter.
    assert all(r[4] == args.documents for r in results), "counters leaked between interpreters"
    speedup = args.interpreters * one_wall / many_wall
    ideal = min(args.interpreters, os.cpu_count() or 1)
    print(f"throughput speed-up: {speedup:.2f}x with {args.interpreters} interpreters "
          f"(ideal on this machine: {ideal}x)")


if __name__ == "__main__":
    main()
