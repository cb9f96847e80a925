#!/usr/bin/env python3
"""Writes a synthetic customer table: an id, a gender and six numeric columns, one row per customer.

Usage: generate_customers.py ROWS OUT.csv [SEED]
"""
import random
import sys


def main() -> None:
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    genders = ("Female", "Male")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100),Tenure Months,Orders,Avg Basket ($)\n")
        lines = []
        for i in range(1, rows + 1):
            lines.append(
                "C%07d,%s,%d,%.1f,%d,%d,%d,%.2f\n"
                % (
                    i,
                    genders[rng.random() < 0.44],
                    rng.randint(18, 80),
                    abs(rng.gauss(60, 25)),
                    rng.randint(1, 100),
                    rng.randint(0, 240),
                    rng.randint(0, 120),
                    rng.lognormvariate(3.5, 0.6),
                )
            )
            if len(lines) == 10000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))


if __name__ == "__main__":
    main()
