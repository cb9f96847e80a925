#!/usr/bin/env python3
"""Writes a synthetic customer table: an id, a gender and six numeric columns, one row per customer.

Usage: generate_customers.py ROWS OUT.csv [SEED] [--personas]

Without --personas the numeric columns are independent draws (no segment structure: the hardest case
for k-means). With --personas every customer comes from one of six marketing personas with their own
means, as real customer tables tend to have.
"""
import random
import sys

HEADER = "CustomerID,Gender,Age,Annual Income (k$),Spending Score (1-100),Tenure Months,Orders,Avg Basket ($)\n"

# (share, age, income k$, spending score, tenure months, orders, basket $): means; spreads are fixed below.
PERSONAS = (
    (0.30, 42, 55, 50, 60, 20, 45),
    (0.15, 33, 90, 82, 36, 45, 120),
    (0.15, 45, 88, 17, 90, 8, 60),
    (0.15, 50, 26, 21, 120, 6, 20),
    (0.15, 25, 26, 79, 12, 30, 35),
    (0.10, 65, 60, 40, 200, 15, 70),
)


def clamp(value, low, high):
    return max(low, min(high, value))


def independent(rng):
    return (rng.randint(18, 80), abs(rng.gauss(60, 25)), rng.randint(1, 100), rng.randint(0, 240),
            rng.randint(0, 120), rng.lognormvariate(3.5, 0.6))


def persona(rng):
    pick = rng.random()
    for share, age, income, score, tenure, orders, basket in PERSONAS:
        pick -= share
        if pick <= 0:
            break
    return (int(clamp(rng.gauss(age, 6), 18, 90)), clamp(rng.gauss(income, 9), 5, 200),
            int(clamp(rng.gauss(score, 8), 1, 100)), int(clamp(rng.gauss(tenure, 15), 0, 300)),
            int(clamp(rng.gauss(orders, 5), 0, 200)), clamp(rng.gauss(basket, basket / 5), 1, 1000))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows, out = int(args[0]), args[1]
    rng = random.Random(int(args[2]) if len(args) > 2 else 42)
    draw = persona if "--personas" in sys.argv else independent
    genders = ("Female", "Male")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        lines = []
        for i in range(1, rows + 1):
            age, income, score, tenure, orders, basket = draw(rng)
            lines.append("C%07d,%s,%d,%.1f,%d,%d,%d,%.2f\n"
                         % (i, genders[rng.random() < 0.44], age, income, score, tenure, orders, basket))
            if len(lines) == 10000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))


if __name__ == "__main__":
    main()
