#!/usr/bin/env python3
"""Writes the next version of a customer table made by generate_customers.py, as a new monthly export would be:
every 100th customer has left, every 10th (of the rest) spends the other way (score 101 - score), one customer in
100 is new, the others are unchanged.

Usage: next_version.py IN.csv OUT.csv
"""
import sys


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f, open(target, "w", encoding="utf-8", newline="") as out:
        out.write(f.readline())
        new = []
        for i, line in enumerate(f, start=1):
            if i % 100 == 0:
                fields = line.split(",")
                fields[0] = "N" + fields[0][1:]
                new.append(",".join(fields))
                continue
            if i % 10 == 1:
                fields = line.split(",")
                fields[4] = str(101 - int(fields[4]))
                line = ",".join(fields)
            out.write(line)
        out.writelines(new)


if __name__ == "__main__":
    main()
