print("labdb-bench: no benchmarks yet")
